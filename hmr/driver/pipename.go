package driver

// pipeName is the Windows named pipe for a control channel id (kept out of the Windows-only
// file so its tests run everywhere). Node connects to it with net.connect(path) as to a socket.
func pipeName(id string) string { return `\\.\pipe\hotswap-` + id }

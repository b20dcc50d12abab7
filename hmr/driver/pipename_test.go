package driver

import "testing"

// The runtime gets the pipe name as HOTSWAP_SOCKET and hands it to node's net.connect, which
// treats \\.\pipe\ paths as named pipes on Windows; it must be one such path with the id.
func TestPipeNameIsAWindowsNamedPipePath(t *testing.T) {
	got := pipeName("0123abcd")
	if got != `\\.\pipe\hotswap-0123abcd` {
		t.Fatalf("pipeName = %q", got)
	}
}

package driver

import "syscall"

// appProcAttr puts the app in its own process group, which keeps a terminal's Ctrl-C away
// from it so that the driver can shut it down through the runtime, and has the kernel send
// it SIGTERM should the driver die without stopping it.
func appProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}

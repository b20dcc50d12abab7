//go:build unix && !linux

package driver

import "syscall"

// appProcAttr puts the app in its own process group, which keeps a terminal's Ctrl-C away
// from it so that the driver can shut it down through the runtime.
func appProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

//go:build windows

package driver

import "syscall"

// appProcAttr starts the app in its own process group, which keeps a console's Ctrl-C away from
// it so that the driver can shut it down through the runtime.
func appProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP}
}

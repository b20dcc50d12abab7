//go:build unix

package main

import (
	"os"
	"syscall"
)

// groupProcAttr starts the tool in its own process group.
func groupProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

// stopGroup ends the tool and every child it started: SIGTERM first, SIGKILL when forced.
func stopGroup(p *os.Process, force bool) {
	signal := syscall.SIGTERM
	if force {
		signal = syscall.SIGKILL
	}
	_ = syscall.Kill(-p.Pid, signal)
}

//go:build windows

package main

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// groupProcAttr starts the tool in its own process group.
func groupProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP}
}

// stopGroup ends the tool and every child it started. Windows has no SIGTERM for console
// programs: taskkill /T walks the process tree, and only /F ends programs without a window,
// so the first call already forces.
func stopGroup(p *os.Process, _ bool) {
	_ = exec.Command("taskkill", "/F", "/T", "/PID", strconv.Itoa(p.Pid)).Run()
}

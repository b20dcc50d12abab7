//go:build !windows

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// isBackgroundTerminal reports whether f is a terminal whose foreground process group is
// not this process's, so that reading it would stop the process.
func isBackgroundTerminal(f *os.File) bool {
	foreground, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGPGRP)
	return err == nil && foreground != unix.Getpgrp()
}

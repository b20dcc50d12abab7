//go:build windows

package main

import "os"

// isBackgroundTerminal is false on Windows: its consoles have no job control, so reading one
// never stops the process.
func isBackgroundTerminal(*os.File) bool { return false }

//go:build !windows

package driver

import (
	"fmt"
	"net"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// listenControl opens the control channel at socket, a Unix socket only this user can reach.
func listenControl(socket string) (net.Listener, string, error) {
	listener, err := net.ListenUnix("unix", &net.UnixAddr{Name: socket, Net: "unix"})
	if err != nil {
		return nil, "", fmt.Errorf("control socket %s: %w", socket, err)
	}
	// The file stays while the process lives (the listener closes after the one connection)
	// so that it can be inspected; wait removes it.
	listener.SetUnlinkOnClose(false)
	if err := os.Chmod(socket, 0o600); err != nil {
		_ = listener.Close()
		_ = os.Remove(socket)
		return nil, "", fmt.Errorf("control socket %s: %w", socket, err)
	}
	return listener, socket, nil
}

// signalName names a signal the way the events report it ("SIGTERM").
func signalName(sig syscall.Signal) string { return unix.SignalName(sig) }

// killGroup sends sig to the app's whole process group.
func killGroup(pid int, sig syscall.Signal) error { return syscall.Kill(-pid, sig) }

//go:build windows

package driver

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"syscall"

	"github.com/Microsoft/go-winio"
)

// pipeSecurity lets only the pipe's owner (this user) open it: D:P protects the DACL from
// inheritance, A;;GA;;;OW grants all access to the Owner Rights SID.
const pipeSecurity = "D:P(A;;GA;;;OW)"

// listenControl opens the control channel as a named pipe, since Node on Windows speaks named
// pipes, not AF_UNIX. The name is random, so the socket path only labels errors.
func listenControl(socket string) (net.Listener, string, error) {
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, "", fmt.Errorf("control pipe for %s: %w", socket, err)
	}
	name := pipeName(hex.EncodeToString(id[:]))
	listener, err := winio.ListenPipe(name, &winio.PipeConfig{SecurityDescriptor: pipeSecurity})
	if err != nil {
		return nil, "", fmt.Errorf("control pipe %s: %w", name, err)
	}
	return listener, name, nil
}

// signalName names a signal the way the events report it; Windows processes end by exit code,
// so only the driver's own kill shows up here.
func signalName(sig syscall.Signal) string {
	if sig == syscall.SIGKILL {
		return "SIGKILL"
	}
	return sig.String()
}

// killGroup ends the app: Windows has no signals to send, so anything but a graceful shutdown
// through the control channel is a kill.
func killGroup(pid int, _ syscall.Signal) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}

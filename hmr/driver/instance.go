package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// SocketEnv is the environment variable that tells the runtime where the control socket is.
const SocketEnv = "HOTSWAP_SOCKET"

// instance is one node process and its control connection.
type instance struct {
	cmd      *exec.Cmd
	pid      int
	listener net.Listener
	started  time.Time

	connected chan struct{} // closed when the runtime connects
	readyCh   chan struct{} // closed when the runtime reports ready
	exited    chan struct{} // closed when the process has ended

	mu       sync.Mutex
	conn     *protocol.Conn
	ready    *protocol.ReadyParams
	exit     Exit
	stopping bool // the driver is ending this process, so its exit is no crash
	// graphVersion is the newest graph version of an update result reported as a graph event.
	graphVersion int
}

// methodRejected is the pseudo-method under which a message the connection rejected reaches
// the handler, with the reason as a JSON string.
const methodRejected = "$/rejected"

// handler receives what the runtime sends over one instance's connection.
type handler func(inst *instance, method string, params json.RawMessage) (any, error)

// spawn starts node with the runtime and the control socket at socket.
func spawn(opts *Options, socket string, handle handler) (*instance, error) {
	// A Unix socket, or on Windows a named pipe (transport_*.go); address is what the
	// runtime connects to.
	listener, address, err := listenControl(socket)
	if err != nil {
		return nil, err
	}
	runtimeURL := fileURL(opts.Runtime, opts.RuntimeQuery)
	args := append([]string{}, opts.NodeArgs...)
	args = append(args, "--import", runtimeURL, opts.Entry)
	args = append(args, opts.Args...)
	cmd := exec.Command(opts.Node, args...)
	cmd.Dir = opts.Dir
	cmd.Env = append(append(os.Environ(), opts.Env...), SocketEnv+"="+address)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = opts.Stdin, opts.Stdout, opts.Stderr
	cmd.SysProcAttr = appProcAttr()
	// With writers that are not files, output is copied through pipes; a grandchild that
	// keeps them open must not keep the driver from seeing node's exit.
	cmd.WaitDelay = 2 * time.Second

	inst := &instance{
		cmd:       cmd,
		listener:  listener,
		connected: make(chan struct{}),
		readyCh:   make(chan struct{}),
		exited:    make(chan struct{}),
	}
	inst.started = time.Now()
	if err := cmd.Start(); err != nil {
		_ = listener.Close()
		_ = os.Remove(socket)
		return nil, fmt.Errorf("start %s: %w", opts.Node, err)
	}
	inst.pid = cmd.Process.Pid
	go inst.accept(handle)
	return inst, nil
}

// accept takes the runtime's one connection; the listener closes when the process ends.
func (inst *instance) accept(handle handler) {
	c, err := inst.listener.Accept()
	_ = inst.listener.Close()
	if err != nil {
		return
	}
	conn := protocol.NewConn(c, func(method string, params json.RawMessage) (any, error) {
		return handle(inst, method, params)
	}, protocol.WithErrorReporter(func(err error) { handle(inst, methodRejected, json.RawMessage(strconv.Quote(err.Error()))) }))
	inst.mu.Lock()
	inst.conn = conn
	inst.mu.Unlock()
	close(inst.connected)
}

// wait blocks until the process ends and records how.
func (inst *instance) wait() Exit {
	err := inst.cmd.Wait()
	exit := Exit{UptimeMs: ms(time.Since(inst.started))}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			exit.Signal = signalName(status.Signal())
			exit.Code = 128 + int(status.Signal())
		} else {
			exit.Code = exitErr.ExitCode()
		}
	} else if err != nil {
		exit.Code = 1
	}
	_ = inst.listener.Close()
	_ = os.Remove(inst.listener.Addr().String())
	inst.mu.Lock()
	exit.BeforeReady = inst.ready == nil
	inst.exit = exit
	conn := inst.conn
	inst.mu.Unlock()
	if conn != nil {
		_ = conn.Close()
	}
	close(inst.exited)
	return exit
}

// markReady records the first ready notification and calls announce before anyone waiting
// for it wakes, so that the ready event precedes whatever the waiters emit.
func (inst *instance) markReady(p *protocol.ReadyParams, announce func()) {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if inst.ready != nil {
		return
	}
	inst.ready = p
	announce()
	close(inst.readyCh)
}

// connection returns the control connection, or nil before the runtime connected.
func (inst *instance) connection() *protocol.Conn {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	return inst.conn
}

func (inst *instance) isReady() bool {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	return inst.ready != nil
}

func (inst *instance) hasExited() bool {
	select {
	case <-inst.exited:
		return true
	default:
		return false
	}
}

// awaitReady waits until the runtime reports ready, the process ends, the runtime has not
// connected within connectTimeout of the start, or readyTimeout passes; it reports whether
// the runtime is ready.
func (inst *instance) awaitReady(ctx context.Context, connectTimeout, readyTimeout time.Duration) bool {
	if !inst.awaitConnected(ctx, max(connectTimeout-time.Since(inst.started), 0)) {
		return false
	}
	timer := time.NewTimer(readyTimeout)
	defer timer.Stop()
	select {
	case <-inst.readyCh:
		return true
	case <-inst.exited:
		return inst.isReady()
	case <-timer.C:
	case <-ctx.Done():
	}
	return false
}

// awaitConnected waits until the runtime has connected, the process ends or the wait times
// out; it reports whether a connection exists.
func (inst *instance) awaitConnected(ctx context.Context, timeout time.Duration) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-inst.connected:
	case <-inst.exited:
	case <-timer.C:
	case <-ctx.Done():
	}
	return inst.connection() != nil
}

// stop ends the process: the runtime's shutdown request first (dispose handlers run, then
// the app's own listeners of sig, see hmr/runtime/shutdown.js), sig to the process group when
// there is no runtime to ask, SIGKILL at timeout (the Exit then says Killed).
func (inst *instance) stop(timeout time.Duration, sig syscall.Signal) Exit {
	inst.mu.Lock()
	inst.stopping = true
	conn := inst.conn
	inst.mu.Unlock()
	began := time.Now()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()

	if conn != nil && !inst.hasExited() {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := conn.Call(ctx, protocol.MethodShutdown, protocol.ShutdownParams{TimeoutMs: int(timeout.Milliseconds()), Signal: signalName(sig)}, nil)
		cancel()
		if err != nil && !errors.Is(err, protocol.ErrClosed) {
			inst.signal(sig)
		}
	} else {
		inst.signal(sig)
	}
	killed := false
	select {
	case <-inst.exited:
	case <-deadline.C:
		killed = true
		inst.signal(syscall.SIGKILL)
		<-inst.exited
	}
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if killed {
		inst.exit.Killed = true
		inst.exit.KilledAfterMs = ms(time.Since(began))
	}
	return inst.exit
}

// signal sends sig to the app's whole process group (workers it spawned included).
func (inst *instance) signal(sig syscall.Signal) {
	if inst.hasExited() {
		return
	}
	if err := killGroup(inst.pid, sig); err != nil {
		_ = inst.cmd.Process.Signal(sig)
	}
}

func (inst *instance) isStopping() bool {
	inst.mu.Lock()
	defer inst.mu.Unlock()
	return inst.stopping
}

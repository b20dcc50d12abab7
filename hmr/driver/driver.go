// Package driver supervises a Node.js app under the hotswap runtime: it starts node with the
// control socket of hmr/PROTOCOL.md, pushes file changes to the runtime, restarts the app
// when the runtime cannot apply a change, waits for a change after a crash instead of
// looping, and shuts the app down through its dispose handlers. It never prints: everything
// it sees is an Event, which the CLI and the language server present as they like.
package driver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// Options say what to run and how. Node, Runtime and Entry are required.
type Options struct {
	// Node is the node binary (a path, or a name looked up in PATH).
	Node string
	// NodeArgs go before --import (for example --enable-source-maps).
	NodeArgs []string
	// Runtime is the absolute path of the runtime's register.js.
	Runtime string
	// RuntimeQuery is the query of the register URL, the runtime's options
	// ("silent&ignore=generated"); a driver that shows log events itself passes "silent".
	RuntimeQuery string
	// Entry is the app's entry file.
	Entry string
	// Args are passed to the app after the entry.
	Args []string
	// Dir is the app's working directory; empty means the driver's.
	Dir string
	// Env is added to the driver's environment.
	Env []string
	// Stdin, Stdout and Stderr are the app's; an *os.File is handed over as it is, so the
	// app's output passes through untouched. Nil Stdout and Stderr mean the driver's own.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// ShutdownTimeout bounds a graceful stop before the app is killed; zero means 5s.
	ShutdownTimeout time.Duration
	// ReadyTimeout bounds the wait for the runtime's ready notification; zero means 30s.
	ReadyTimeout time.Duration
	// UpdateTimeout bounds one update request; zero means 60s.
	UpdateTimeout time.Duration
	// ConnectTimeout is how long after its start a process may take to connect to the
	// control socket before a change restarts it instead; zero means 5s.
	ConnectTimeout time.Duration
}

// ErrStopped is returned by calls on a driver that has been stopped.
var ErrStopped = errors.New("driver: stopped")

// Driver supervises one app. It is safe for concurrent use; operations that change the
// process (Start, Push, Restart, Stop) run one at a time, in the order they were called.
type Driver struct {
	opts      Options
	socketDir string
	events    *queue

	// life is cancelled when Stop begins, so that waits inside other operations end at
	// once instead of holding Stop back.
	life    context.Context
	endLife context.CancelFunc

	op sync.Mutex // serialises Start, Push, Restart and Stop

	mu       sync.Mutex
	cur      *instance
	spawned  int
	stopped  bool
	lastExit *Exit
}

// New checks the options and prepares a driver; nothing runs until Start.
func New(opts Options) (*Driver, error) {
	if opts.Node == "" || opts.Runtime == "" || opts.Entry == "" {
		return nil, errors.New("driver: Node, Runtime and Entry are required")
	}
	entry, err := filepath.Abs(opts.Entry)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(entry); err != nil {
		return nil, fmt.Errorf("entry %s: %w", entry, errors.Unwrap(err))
	} else if info.IsDir() {
		return nil, fmt.Errorf("entry %s is a directory, not a file", entry)
	}
	opts.Entry = entry
	if _, err := os.Stat(opts.Runtime); err != nil {
		return nil, fmt.Errorf("runtime %s: %w", opts.Runtime, errors.Unwrap(err))
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	opts.ShutdownTimeout = orDefault(opts.ShutdownTimeout, 5*time.Second)
	opts.ReadyTimeout = orDefault(opts.ReadyTimeout, 30*time.Second)
	opts.UpdateTimeout = orDefault(opts.UpdateTimeout, 60*time.Second)
	opts.ConnectTimeout = orDefault(opts.ConnectTimeout, 5*time.Second)
	// The socket directory is private: only this user may reach the control channel.
	dir, err := makeSocketDir()
	if err != nil {
		return nil, err
	}
	life, endLife := context.WithCancel(context.Background())
	return &Driver{opts: opts, socketDir: dir, events: newQueue(), life: life, endLife: endLife}, nil
}

// bound returns a context that ends with ctx or when Stop begins.
func (d *Driver) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	unhook := context.AfterFunc(d.life, cancel)
	return ctx, func() {
		unhook()
		cancel()
	}
}

func orDefault(d, fallback time.Duration) time.Duration {
	if d <= 0 {
		return fallback
	}
	return d
}

// Events delivers everything that happens, in order. The channel never blocks the driver
// (events wait in memory) and is closed once Stop has returned.
func (d *Driver) Events() <-chan Event { return d.events.out }

// Entry returns the absolute path of the app's entry.
func (d *Driver) Entry() string { return d.opts.Entry }

// Start spawns the app and waits until the runtime is ready, the app ends or ReadyTimeout
// passes. An app that crashes while starting is no error: a crash event is sent and the
// driver waits for the next change.
func (d *Driver) Start(ctx context.Context) error {
	ctx, cancel := d.bound(ctx)
	defer cancel()
	d.op.Lock()
	defer d.op.Unlock()
	if d.isStopped() {
		return ErrStopped
	}
	if d.current() != nil {
		return errors.New("driver: already started")
	}
	inst, err := d.launch()
	if err != nil {
		return err
	}
	inst.awaitReady(ctx, d.opts.ConnectTimeout, d.opts.ReadyTimeout)
	return nil
}

// launch spawns a new process and makes it current.
func (d *Driver) launch() (*instance, error) {
	d.mu.Lock()
	d.spawned++
	socket := filepath.Join(d.socketDir, "app-"+strconv.Itoa(d.spawned)+".sock")
	d.mu.Unlock()
	inst, err := spawn(&d.opts, socket, d.handle)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.cur = inst
	d.mu.Unlock()
	d.events.push(Event{Kind: KindStart, PID: inst.pid})
	go d.watchExit(inst)
	return inst, nil
}

// watchExit reports an exit the driver did not cause as a crash.
func (d *Driver) watchExit(inst *instance) {
	exit := inst.wait()
	if inst.isStopping() {
		return
	}
	d.mu.Lock()
	current := d.cur == inst
	d.lastExit = &exit
	d.mu.Unlock()
	if current {
		d.events.push(Event{Kind: KindCrash, PID: inst.pid, Exit: &exit})
	}
}

// Graph asks the runtime for its module graph and also sends it as a graph event.
func (d *Driver) Graph(ctx context.Context) (*protocol.Graph, error) {
	inst := d.current()
	if inst == nil || inst.connection() == nil {
		return nil, errors.New("driver: no runtime connected")
	}
	var g protocol.Graph
	if err := inst.connection().Call(ctx, protocol.MethodGraph, protocol.GraphParams{}, &g); err != nil {
		return nil, err
	}
	d.events.push(Event{Kind: KindGraph, PID: inst.pid, Graph: &g})
	return &g, nil
}

// Kill ends the running app at once with SIGKILL, without waiting for operations in
// progress; a Stop that waits for dispose handlers then returns promptly.
func (d *Driver) Kill() {
	if inst := d.current(); inst != nil {
		inst.mu.Lock()
		inst.stopping = true
		inst.mu.Unlock()
		inst.signal(syscall.SIGKILL)
	}
}

// PID returns the process id of the running app, or 0 when none runs.
func (d *Driver) PID() int {
	inst := d.current()
	if inst == nil || inst.hasExited() {
		return 0
	}
	return inst.pid
}

// Stop shuts the app down (dispose handlers run, then the app's own SIGTERM listeners; killed
// after ShutdownTimeout), closes the event channel and returns the app's exit status: the
// status of the stopped process, or of the last one that ended if none was running.
func (d *Driver) Stop() (int, error) { return d.StopWith(syscall.SIGTERM) }

// StopWith is Stop for a stop asked by sig (SIGINT for a Ctrl-C): the app's own listeners of
// sig run after its dispose handlers.
func (d *Driver) StopWith(sig syscall.Signal) (int, error) {
	d.endLife()
	d.op.Lock()
	defer d.op.Unlock()
	d.mu.Lock()
	if d.stopped {
		d.mu.Unlock()
		return 0, ErrStopped
	}
	d.stopped = true
	inst := d.cur
	d.mu.Unlock()
	defer func() {
		_ = os.RemoveAll(d.socketDir)
		d.events.close()
	}()
	if inst != nil && !inst.hasExited() {
		exit := inst.stop(d.opts.ShutdownTimeout, sig)
		d.events.push(Event{Kind: KindExit, PID: inst.pid, Exit: &exit})
		return exit.Code, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.lastExit != nil {
		return d.lastExit.Code, nil
	}
	return 0, nil
}

func (d *Driver) current() *instance {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cur
}

func (d *Driver) isStopped() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stopped
}

package session

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
)

// App states, as the status event names them.
const (
	StateStopped  = "stopped"
	StateStarting = "starting"
	StateRunning  = "running"
	StateCrashed  = "crashed"
)

// app is one folder's running app: the driver of `hotswap run` and where it stands.
type app struct {
	d     *driver.Driver
	entry string
	// done is closed when the event loop has seen the driver's last event.
	done chan struct{}

	// pushWake wakes the pusher when toPush has files.
	pushWake chan struct{}

	mu    sync.Mutex
	state string
	// stateChanged is closed and replaced on every change of state.
	stateChanged chan struct{}
	toPush       []string
}

func (a *app) setState(state string) {
	a.mu.Lock()
	a.state = state
	close(a.stateChanged)
	a.stateChanged = make(chan struct{})
	a.mu.Unlock()
}

// awaitSettled waits until the app is no longer starting (the driver has returned from a
// start or restart, but its events may still be on their way to the event loop), so that a
// command's answer says how it ended.
func (a *app) awaitSettled(timeout time.Duration) {
	deadline := time.After(timeout)
	for {
		a.mu.Lock()
		state, changed := a.state, a.stateChanged
		a.mu.Unlock()
		if state != StateStarting {
			return
		}
		select {
		case <-changed:
		case <-a.done:
			return
		case <-deadline:
			return
		}
	}
}

func (a *app) getState() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state
}

// currentApp returns the folder's app, or nil.
func (f *Folder) currentApp() *app {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.app
}

// AppStatus is AppStatus of lsp/events.d.ts: where a folder's app stands, the answer of the
// app commands.
type AppStatus struct {
	Folder string `json:"folder"`
	State  string `json:"state"`
	PID    int    `json:"pid,omitempty"`
	Entry  string `json:"entry"`
}

// Status says where the folder's app stands.
func (f *Folder) Status() AppStatus { return f.describe(f.currentApp()) }

func (f *Folder) describe(a *app) AppStatus {
	st := AppStatus{Folder: f.ID, State: StateStopped}
	if a != nil {
		st.State = a.getState()
		st.PID = a.d.PID()
		st.Entry = f.Rel(a.entry)
	}
	return st
}

// nodeSetting names, in errors about node, where the editor's user picks another.
const nodeSetting = "the hotswap.nodePath setting"

// StartApp starts the folder's app under the runtime and waits until it is ready (or failed
// to start: a crash event says so). This is the first moment anything of the workspace runs.
// A crashed app is started again. extraNodeArgs (the inspector for a debug session) go after
// the settings' node arguments.
func (f *Folder) StartApp(ctx context.Context, extraNodeArgs ...string) (AppStatus, error) {
	if a := f.currentApp(); a != nil {
		if a.getState() == StateCrashed {
			// A crashed app waits for a change; starting it means starting it again now.
			return f.restart(ctx, a, "started again from the editor after a crash")
		}
		return AppStatus{}, fmt.Errorf("the app of %s is already running (pid %d): use hotswap.restart", f.Root, a.d.PID())
	}
	config := f.s.Config()
	entry, err := f.entryToRun(config)
	if err != nil {
		return AppStatus{}, err
	}
	prepared, err := driver.Prepare(ctx, driver.PrepareOptions{Entry: entry, Node: config.NodePath, Runtime: config.Runtime, NodeOption: nodeSetting})
	if err != nil {
		return AppStatus{}, fmt.Errorf("cannot start %s: %v", f.Rel(entry), err)
	}
	out := &lineWriter{emit: func(text string) { f.s.hooks.Event(f, Event{Kind: "output", Stream: "stdout", Output: text}) }}
	errOut := &lineWriter{emit: func(text string) { f.s.hooks.Event(f, Event{Kind: "output", Stream: "stderr", Output: text}) }}
	d, err := driver.New(driver.Options{
		Node:         config.NodePath,
		NodeArgs:     append(append([]string{}, config.NodeArgs...), extraNodeArgs...),
		Runtime:      prepared.Runtime,
		RuntimeQuery: "silent",
		Entry:        prepared.Entry,
		Args:         config.Args,
		Dir:          f.Root,
		Stdout:       out,
		Stderr:       errOut,
	})
	if err != nil {
		return AppStatus{}, fmt.Errorf("cannot start %s: %v", f.Rel(entry), err)
	}
	a := &app{d: d, entry: prepared.Entry, done: make(chan struct{}), stateChanged: make(chan struct{}), pushWake: make(chan struct{}, 1), state: StateStarting}
	f.mu.Lock()
	if f.app != nil {
		f.mu.Unlock()
		_, _ = d.Stop()
		return AppStatus{}, fmt.Errorf("the app of %s is already running", f.Root)
	}
	f.app = a
	f.mu.Unlock()
	go f.forwardEvents(a, out, errOut)
	go f.pushQueued(a)
	f.sendStatus()
	if err := d.Start(ctx); err != nil {
		f.StopApp()
		return AppStatus{}, fmt.Errorf("cannot start %s with %s: %v", f.Rel(entry), config.NodePath, err)
	}
	a.awaitSettled(5 * time.Second)
	return f.describe(a), nil
}

// RestartApp restarts the folder's app, or starts it when none runs, and answers with its
// state once the restart settled.
func (f *Folder) RestartApp(ctx context.Context) (AppStatus, error) {
	a := f.currentApp()
	if a == nil {
		return f.StartApp(ctx)
	}
	return f.restart(ctx, a, "restarted from the editor")
}

func (f *Folder) restart(ctx context.Context, a *app, reason string) (AppStatus, error) {
	a.setState(StateStarting)
	if err := a.d.Restart(ctx, reason); err != nil {
		return AppStatus{}, fmt.Errorf("restarting %s: %v", f.Rel(a.entry), err)
	}
	a.awaitSettled(5 * time.Second)
	return f.describe(a), nil
}

// entryToRun is the first configured entry, else the analysis's first.
func (f *Folder) entryToRun(config Config) (string, error) {
	if len(config.Entry) > 0 {
		return f.Abs(config.Entry[0]), nil
	}
	if ws := f.Workspace(); ws != nil {
		if entries := ws.Entries(); len(entries) > 0 {
			return f.Abs(entries[0].Path), nil
		}
	}
	return "", fmt.Errorf("no entry for %s: set hotswap.entry, or a \"dev\"/\"start\" script or \"main\" in package.json", filepath.Join(f.Root, "package.json"))
}

// StopApp stops the folder's app through its dispose handlers and waits for its last event.
func (f *Folder) StopApp() AppStatus {
	f.mu.Lock()
	a := f.app
	f.mu.Unlock()
	if a == nil {
		return f.describe(nil)
	}
	_, _ = a.d.Stop()
	select {
	case <-a.done:
	case <-time.After(10 * time.Second):
	}
	f.mu.Lock()
	if f.app == a {
		f.app = nil
		f.live = nil
		f.runErrs = map[string][]RunError{}
	}
	f.mu.Unlock()
	f.sendStatus()
	f.s.hooks.DiagnosticsChanged(f)
	f.s.hooks.ViewsChanged(f)
	return f.describe(nil)
}

// lineWriter hands whole lines of the app's output to emit; a partial line waits for its end.
type lineWriter struct {
	mu      sync.Mutex
	pending []byte
	emit    func(string)
}

// Write collects output and emits every complete line.
func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.pending = append(w.pending, p...)
	end := -1
	for i := len(w.pending) - 1; i >= 0; i-- {
		if w.pending[i] == '\n' {
			end = i
			break
		}
	}
	var text string
	if end >= 0 {
		text = string(w.pending[:end+1])
		w.pending = append([]byte(nil), w.pending[end+1:]...)
	}
	w.mu.Unlock()
	if text != "" {
		w.emit(text)
	}
	return len(p), nil
}

// flush emits a last unterminated line.
func (w *lineWriter) flush() {
	w.mu.Lock()
	text := string(w.pending)
	w.pending = nil
	w.mu.Unlock()
	if text != "" {
		w.emit(text + "\n")
	}
}

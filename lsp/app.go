package lsp

import (
	"context"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/driver"
)

// App states, as the status event names them.
const (
	stateStopped  = "stopped"
	stateStarting = "starting"
	stateRunning  = "running"
	stateCrashed  = "crashed"
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
		if state != stateStarting {
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
func (f *folder) currentApp() *app {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.app
}

// startApp starts the folder's app under the runtime and waits until it is ready (or failed
// to start: a crash event says so). This is the first moment anything of the workspace runs.
// extraNodeArgs (the inspector for a debug session) go after the settings' node arguments.
func (f *folder) startApp(ctx context.Context, extraNodeArgs ...string) (*app, error) {
	if a := f.currentApp(); a != nil {
		return nil, requestFailed("the app of %s is already running (pid %d): use hotswap.restart", f.root, a.d.PID())
	}
	settings := f.s.currentSettings()
	entry, err := f.entryToRun(settings)
	if err != nil {
		return nil, err
	}
	runtime, err := driver.FindRuntime(settings.Runtime, entry)
	if err != nil {
		return nil, requestFailed("cannot start %s: %v", f.rel(entry), err)
	}
	out := &lineWriter{emit: func(text string) { f.s.sendOutput(f, "stdout", text) }}
	errOut := &lineWriter{emit: func(text string) { f.s.sendOutput(f, "stderr", text) }}
	d, err := driver.New(driver.Options{
		Node:         settings.NodePath,
		NodeArgs:     append(append([]string{}, settings.NodeArgs...), extraNodeArgs...),
		Runtime:      runtime,
		RuntimeQuery: "silent",
		Entry:        entry,
		Args:         settings.Args,
		Dir:          f.root,
		Stdout:       out,
		Stderr:       errOut,
	})
	if err != nil {
		return nil, requestFailed("cannot start %s: %v", f.rel(entry), err)
	}
	a := &app{d: d, entry: entry, done: make(chan struct{}), stateChanged: make(chan struct{}), pushWake: make(chan struct{}, 1), state: stateStarting}
	f.mu.Lock()
	if f.app != nil {
		f.mu.Unlock()
		_, _ = d.Stop()
		return nil, requestFailed("the app of %s is already running", f.root)
	}
	f.app = a
	f.mu.Unlock()
	go f.s.forwardEvents(f, a, out, errOut)
	go f.s.pushSaved(f, a)
	f.s.sendStatus(f)
	if err := d.Start(ctx); err != nil {
		f.stopApp()
		return nil, requestFailed("cannot start %s with %s: %v", f.rel(entry), settings.NodePath, err)
	}
	a.awaitSettled(5 * time.Second)
	return a, nil
}

// entryToRun is the first entry of the settings, else of the analysis.
func (f *folder) entryToRun(settings Settings) (string, error) {
	if len(settings.Entry) > 0 {
		return f.abs(settings.Entry[0]), nil
	}
	if ws := f.workspace(); ws != nil {
		if entries := ws.Entries(); len(entries) > 0 {
			return f.abs(entries[0].Path), nil
		}
	}
	return "", requestFailed("no entry for %s: set hotswap.entry, or a \"dev\"/\"start\" script or \"main\" in package.json", filepath.Join(f.root, "package.json"))
}

// stopApp stops the folder's app through its dispose handlers and waits for its last event.
func (f *folder) stopApp() {
	f.mu.Lock()
	a := f.app
	f.mu.Unlock()
	if a == nil {
		return
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
		f.runDiags = map[string][]protocol.Diagnostic{}
	}
	f.mu.Unlock()
	f.s.sendStatus(f)
	f.s.publishFolder(f, "")
	f.s.refreshViews()
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

// describeApp is a short status of an app for command results.
func describeApp(f *folder, a *app) appStatus {
	st := appStatus{Folder: string(f.uri), State: stateStopped}
	if a != nil {
		st.State = a.getState()
		st.PID = a.d.PID()
		st.Entry = f.rel(a.entry)
	}
	return st
}

// appStatus is AppStatus of lsp/events.d.ts.
type appStatus struct {
	Folder string `json:"folder"`
	State  string `json:"state"`
	PID    int    `json:"pid,omitempty"`
	Entry  string `json:"entry"`
}

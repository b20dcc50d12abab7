package session

import (
	"context"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
	"github.com/hotswap/hotswap/hmr/session/live"
)

// Event is HotswapEvent of lsp/events.d.ts, the params of the hotswap/event notification:
// the fields of its kind are set, the others left out.
type Event struct {
	Kind   string `json:"kind"`
	Folder string `json:"folder"`
	Time   string `json:"time"`
	PID    int    `json:"pid,omitempty"`
	Text   string `json:"text"`

	Ready   *hmrprotocol.ReadyParams  `json:"ready,omitempty"`
	Update  *hmrprotocol.UpdateResult `json:"update,omitempty"`
	Restart *driver.Restart           `json:"restart,omitempty"`
	Exit    *driver.Exit              `json:"exit,omitempty"`
	Log     *hmrprotocol.LogParams    `json:"log,omitempty"`
	Modules *int                      `json:"modules,omitempty"`
	Message string                    `json:"message,omitempty"`
	Stream  string                    `json:"stream,omitempty"`
	Output  string                    `json:"output,omitempty"`
	State   string                    `json:"state,omitempty"`
	Graph   string                    `json:"graph,omitempty"`
	Entry   *string                   `json:"entry,omitempty"`
}

// emit stamps an event with its folder and time and hands it to the editor.
func (f *Folder) emit(e Event) {
	e.Folder = f.ID
	if e.Time == "" {
		e.Time = time.Now().UTC().Format(time.RFC3339Nano)
	}
	f.s.hooks.Event(f, e)
}

// sendStatus says where the folder's app stands and which graph the views show.
func (f *Folder) sendStatus() {
	st := f.Status()
	graph := SourceStatic
	if f.Live() != nil {
		graph = SourceLive
	}
	f.emit(Event{Kind: "status", PID: st.PID, State: st.State, Graph: graph, Entry: &st.Entry})
}

// forwardEvents turns the driver's events into editor events, run errors, the live graph
// and status changes, until the driver is stopped.
func (f *Folder) forwardEvents(a *app, out, errOut *lineWriter) {
	defer close(a.done)
	describer := &driver.Describer{Root: f.Root, Entry: a.entry}
	for e := range a.d.Events() {
		ev := Event{Kind: string(e.Kind), Time: e.Time.UTC().Format(time.RFC3339Nano), PID: e.PID, Text: describer.Describe(e),
			Ready: e.Ready, Update: e.Update, Restart: e.Restart, Exit: e.Exit, Log: e.Log, Message: e.Message}
		if e.Update != nil {
			// The graph's version is between the runtime and the session: the editor hears
			// of a new graph by the graph event the driver sends after the update.
			update := *e.Update
			update.GraphVersion = 0
			ev.Update = &update
		}
		if e.Kind == driver.KindGraph {
			n := len(e.Graph.Modules)
			ev.Modules = &n
		}
		if e.Kind == driver.KindCrash || e.Kind == driver.KindExit {
			// The app's last words come before the news of its end.
			out.flush()
			errOut.flush()
		}
		f.emit(ev)
		f.react(a, e)
	}
	out.flush()
	errOut.flush()
	a.setState(StateStopped)
}

// react updates the folder's state after an event of its app.
func (f *Folder) react(a *app, e driver.Event) {
	switch e.Kind {
	case driver.KindStart:
		a.setState(StateStarting)
		f.sendStatus()
	case driver.KindReady:
		a.setState(StateRunning)
		f.sendStatus()
		go f.fetchGraph(a)
	case driver.KindRestart:
		f.setRunErrors(nil)
		if e.Restart.Ready {
			a.setState(StateRunning)
			go f.fetchGraph(a)
		} else {
			a.setState(StateCrashed)
		}
		f.sendStatus()
	case driver.KindUpdate:
		// A result whose graph changed brings it along (the driver's graph event follows),
		// so a save costs the one update request and no graph request.
		f.setRunErrors(e.Update)
	case driver.KindCrash:
		a.setState(StateCrashed)
		f.mu.Lock()
		f.live = nil
		f.mu.Unlock()
		f.sendStatus()
		f.s.hooks.DiagnosticsChanged(f)
		f.s.hooks.ViewsChanged(f)
	case driver.KindExit:
		a.setState(StateStopped)
	case driver.KindGraph:
		f.mu.Lock()
		changed := false
		if f.app == a {
			g := live.New(f.Root, e.Graph)
			changed = !g.SameShape(f.live)
			f.live = g
		}
		f.mu.Unlock()
		if !changed {
			// A hot update that kept every registration and edge: the status, diagnostics
			// and views read as before, so the editor is not asked to fetch them again.
			return
		}
		f.sendStatus()
		// The restart-required diagnostics follow the live graph, as the views do.
		f.s.hooks.DiagnosticsChanged(f)
		f.s.hooks.ViewsChanged(f)
	}
}

// fetchGraph asks the runtime for its graph; the driver answers with a graph event.
func (f *Folder) fetchGraph(a *app) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := a.d.Graph(ctx); err != nil && f.currentApp() == a {
		f.s.hooks.Log(LogDebug, "hotswap: reading the live graph of "+f.Root+": "+err.Error())
	}
}

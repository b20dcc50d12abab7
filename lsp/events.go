package lsp

import (
	"context"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/driver"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
	"github.com/hotswap/hotswap/lsp/live"
)

// hotswapEvent is the params of the hotswap/event notification (HotswapEvent in
// lsp/events.d.ts): the fields of its kind are set, the others left out.
type hotswapEvent struct {
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

// sendEvent stamps and sends one hotswap/event.
func (s *Server) sendEvent(f *folder, e hotswapEvent) {
	e.Folder = string(f.uri)
	if e.Time == "" {
		e.Time = time.Now().UTC().Format(time.RFC3339Nano)
	}
	s.notify("hotswap/event", e)
}

// sendOutput forwards lines of the app's stdout or stderr.
func (s *Server) sendOutput(f *folder, stream, text string) {
	s.sendEvent(f, hotswapEvent{Kind: "output", Stream: stream, Output: text})
}

// sendStatus says where the folder's app stands and which graph the lenses show.
func (s *Server) sendStatus(f *folder) {
	st := describeApp(f, f.currentApp())
	graph := sourceStatic
	if f.liveGraph() != nil {
		graph = sourceLive
	}
	s.sendEvent(f, hotswapEvent{Kind: "status", PID: st.PID, State: st.State, Graph: graph, Entry: &st.Entry})
}

// forwardEvents turns the driver's events into hotswap/event notifications, diagnostics of
// failed updates, the live graph and status changes, until the driver is stopped.
func (s *Server) forwardEvents(f *folder, a *app, out, errOut *lineWriter) {
	defer close(a.done)
	describer := &driver.Describer{Root: f.root, Entry: a.entry}
	for e := range a.d.Events() {
		ev := hotswapEvent{Kind: string(e.Kind), Time: e.Time.UTC().Format(time.RFC3339Nano), PID: e.PID, Text: describer.Describe(e),
			Ready: e.Ready, Update: e.Update, Restart: e.Restart, Exit: e.Exit, Log: e.Log, Message: e.Message}
		if e.Kind == driver.KindGraph {
			n := len(e.Graph.Modules)
			ev.Modules = &n
		}
		if e.Kind == driver.KindCrash || e.Kind == driver.KindExit {
			// The app's last words come before the news of its end.
			out.flush()
			errOut.flush()
		}
		s.sendEvent(f, ev)
		s.react(f, a, e)
	}
	out.flush()
	errOut.flush()
	a.setState(stateStopped)
}

// react updates the folder's state after an event of its app.
func (s *Server) react(f *folder, a *app, e driver.Event) {
	switch e.Kind {
	case driver.KindStart:
		a.setState(stateStarting)
		s.sendStatus(f)
	case driver.KindReady:
		a.setState(stateRunning)
		s.sendStatus(f)
		go s.fetchGraph(f, a)
	case driver.KindRestart:
		s.setRunDiagnostics(f, nil)
		if e.Restart.Ready {
			a.setState(stateRunning)
			go s.fetchGraph(f, a)
		} else {
			a.setState(stateCrashed)
		}
		s.sendStatus(f)
	case driver.KindUpdate:
		s.setRunDiagnostics(f, e.Update)
		if e.Update.Type == hmrprotocol.ResultSuccess {
			go s.fetchGraph(f, a)
		}
	case driver.KindCrash:
		a.setState(stateCrashed)
		f.mu.Lock()
		f.live = nil
		f.mu.Unlock()
		s.sendStatus(f)
		s.publishFolder(f, "")
		s.refreshViews()
	case driver.KindExit:
		a.setState(stateStopped)
	case driver.KindGraph:
		f.mu.Lock()
		if f.app == a {
			f.live = live.New(f.root, e.Graph)
		}
		f.mu.Unlock()
		s.sendStatus(f)
		// The restart-required diagnostics follow the live graph, as the views do.
		s.publishFolder(f, "")
		s.refreshViews()
	}
}

// fetchGraph asks the runtime for its graph; the driver answers with a graph event.
func (s *Server) fetchGraph(f *folder, a *app) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := a.d.Graph(ctx); err != nil && f.currentApp() == a {
		s.logf(protocol.MessageTypeLog, "hotswap: reading the live graph of %s: %v", f.root, err)
	}
}

// refreshViews asks the client to fetch code lenses and inlay hints again, when it can.
func (s *Server) refreshViews() {
	s.mu.Lock()
	lens, hints := s.client.codeLensRefresh, s.client.inlayHintRefresh
	s.mu.Unlock()
	// In a goroutine: the answer comes on the read loop, and callers may be on the worker. It has
	// a context of its own, since a caller's request may end before the client answers.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if lens {
			_ = s.peer.CodeLensRefresh(ctx)
		}
		if hints {
			_ = s.peer.InlayHintRefresh(ctx)
		}
	}()
}

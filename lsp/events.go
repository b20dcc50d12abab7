package lsp

import (
	"context"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/session"
)

// hooks is how the session reaches the client: events become hotswap/event notifications,
// changes are published and refreshed, log lines go to window/logMessage.
type hooks struct{ s *Server }

// Event sends one hotswap/event.
func (h hooks) Event(f *session.Folder, e session.Event) { h.s.notify("hotswap/event", e) }

// DiagnosticsChanged publishes what changed in the folder's diagnostics.
func (h hooks) DiagnosticsChanged(f *session.Folder) { h.s.publishFolder(f, "") }

// ViewsChanged asks the client to fetch lenses and hints again.
func (h hooks) ViewsChanged(*session.Folder) { h.s.refreshViews() }

// Log sends a line to the client's log.
func (h hooks) Log(level session.LogLevel, msg string) {
	h.s.logf(protocol.MessageType(level), "%s", msg)
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

package lsp

import (
	"context"
	"fmt"
	"time"
)

// progress reports one long task with $/progress, when the client supports work-done
// progress; otherwise its methods do nothing.
type progress struct {
	s     *Server
	token string
}

// beginProgress creates a token with window/workDoneProgress/create and sends begin.
func (s *Server) beginProgress(ctx context.Context, title, message string) *progress {
	s.mu.Lock()
	supported := s.client.Window.WorkDoneProgress
	s.progressSeq++
	token := fmt.Sprintf("hotswap-analysis-%d", s.progressSeq)
	s.mu.Unlock()
	if !supported {
		return &progress{}
	}
	// The create request is answered by the client on the read loop, which never waits on
	// handlers, so waiting here cannot deadlock; the timeout covers a client that never answers.
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", map[string]any{"token": token}, nil); err != nil {
		return &progress{}
	}
	p := &progress{s: s, token: token}
	p.send(map[string]any{"kind": "begin", "title": title, "message": message, "cancellable": false})
	return p
}

// end closes the progress with a final message.
func (p *progress) end(message string) {
	p.send(map[string]any{"kind": "end", "message": message})
}

func (p *progress) send(value map[string]any) {
	if p.s == nil {
		return
	}
	p.s.notify("$/progress", map[string]any{"token": p.token, "value": value})
}

package lsp

import (
	"context"
	"fmt"
	"time"

	"go.lsp.dev/protocol"
)

// progress reports one long task with $/progress, when the client supports work-done
// progress; otherwise its methods do nothing.
type progress struct {
	s     *Server
	token protocol.String
}

// beginProgress creates a token with window/workDoneProgress/create and sends begin.
func (s *Server) beginProgress(ctx context.Context, title, message string) *progress {
	s.mu.Lock()
	supported := s.client.workDoneProgress
	s.progressSeq++
	token := protocol.String(fmt.Sprintf("hotswap-analysis-%d", s.progressSeq))
	s.mu.Unlock()
	if !supported {
		return &progress{}
	}
	// The create request is answered by the client on the read loop, which never waits on
	// handlers (they run on the inbox's worker), so waiting here cannot deadlock; the timeout
	// covers a client that never answers.
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.peer.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: token}); err != nil {
		return &progress{}
	}
	p := &progress{s: s, token: token}
	p.send(&protocol.WorkDoneProgressBegin{Kind: "begin", Title: title, Message: &message, Cancellable: ptr(false)})
	return p
}

// end closes the progress with a final message.
func (p *progress) end(message string) {
	p.send(&protocol.WorkDoneProgressEnd{Kind: "end", Message: &message})
}

func (p *progress) send(value any) {
	if p.s == nil {
		return
	}
	raw, err := protocol.Marshal(value)
	if err != nil {
		p.s.logf(protocol.MessageTypeError, "hotswap: progress: %v", err)
		return
	}
	if err := p.s.peer.Progress(context.Background(), &protocol.ProgressParams{Token: p.token, Value: raw}); err != nil && p.s.opts.Log != nil {
		fmt.Fprintf(p.s.opts.Log, "hotswap lsp: $/progress: %v\n", err)
	}
}

// Package lsp is the language server of `hotswap lsp` (lsp/PROTOCOL.md): it shows the
// hot-or-restart predictions of hmr/analysis in the editor and drives the app through
// hmr/session, which holds the editor's state. It stays thin: one file per LSP feature, each
// converting between LSP types and the hmr packages, which never see LSP types.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/session"
)

// Options configure a Server.
type Options struct {
	// Log receives the server's own diagnostics (panics, malformed messages); nil discards them.
	Log io.Writer
}

// Server is one language server session over one connection.
type Server struct {
	opts Options
	conn jsonrpc2.Conn
	// peer sends the client the LSP's own requests and notifications, typed.
	peer    protocol.Client
	methods map[string]method
	inbox   *inbox
	replies *replies

	// sess holds the folders, their analyses and apps.
	sess *session.Session

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	exited      chan struct{}
	client      clientCapabilities
	settings    Settings
	docs        map[string]*document // by canonical path
	pubs        map[*session.Folder]*publisher
	progressSeq int
}

// Serve runs a server on rwc until the client sends exit or closes the connection. It returns
// nil after shutdown and exit or a hang-up between messages; ErrExitBeforeShutdown after an
// exit without shutdown; and the framing error when a message could not be read (no or a bad
// Content-Length, one over the limit, a body cut short).
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	s := &Server{opts: opts, inbox: newInbox(), exited: make(chan struct{}), docs: map[string]*document{}, pubs: map[*session.Folder]*publisher{}, settings: defaultSettings()}
	s.sess = session.New(hooks{s})
	s.methods = s.methodTable()
	s.replies = newReplies()
	st := newStream(rwc, func(code int, reason string) { s.logf(2, "malformed message answered with %d: %s", code, reason) }, s.replies.pay)
	st.beforeEnd = func() { s.replies.settle(2 * time.Second) }
	s.conn = jsonrpc2.NewConn(st, jsonrpc2.WithCodec(wireCodec{}))
	s.peer = protocol.ClientDispatcher(s.conn)
	s.conn.Go(ctx, s.receive)
	go func() {
		for {
			j, ok := s.inbox.next(s.conn.Done())
			if !ok {
				return
			}
			s.serveJob(j)
		}
	}()
	var err error
	select {
	case <-s.conn.Done():
		// The client hung up, or the framing broke: the LSP's transport has no way back
		// from a lost frame boundary, so the server ends and says why.
		err = st.framingError()
	case <-s.exited:
		s.closeConn()
		s.mu.Lock()
		if !s.shutdown {
			err = ErrExitBeforeShutdown
		}
		s.mu.Unlock()
	case <-ctx.Done():
		s.closeConn()
	}
	s.sess.StopApps()
	return err
}

// ErrExitBeforeShutdown is Serve's error when the client sent exit without shutdown first; the
// LSP asks the server to exit with code 1 then.
var ErrExitBeforeShutdown = errors.New("exit before shutdown")

// closeConn closes the connection and gives the read loop a moment to end. A read blocked on
// a process's stdin is not interrupted by closing it, and jsonrpc2 v1.0.1's Close waits for
// that read, so Close runs aside and the wait is bounded: the process exits right after
// Serve returns anyway.
// Answers already handed to jsonrpc2 (shutdown's, before exit) are written first: Close
// would refuse them.
func (s *Server) closeConn() {
	s.replies.settle(2 * time.Second)
	go func() { _ = s.conn.Close() }()
	select {
	case <-s.conn.Done():
	case <-time.After(200 * time.Millisecond):
	}
}

// testMethods are added to every server's methods; tests use them to reach code paths no
// real method should have, such as a handler that panics.
var testMethods map[string]func(*Server) method

// methodTable names the handler of every method the server understands.
func (s *Server) methodTable() map[string]method {
	table := map[string]method{
		"initialize":                          {run: s.initialize},
		"initialized":                         {run: s.initializedNote},
		"shutdown":                            {run: s.shutdownRequest},
		"exit":                                {run: s.exit},
		"textDocument/didOpen":                {run: s.didOpen},
		"textDocument/didChange":              {run: s.didChange},
		"textDocument/didSave":                {run: s.didSave},
		"textDocument/didClose":               {run: s.didClose},
		"textDocument/hover":                  {run: s.hover},
		"textDocument/codeLens":               {run: s.codeLens},
		"textDocument/inlayHint":              {run: s.inlayHint},
		"workspace/executeCommand":            {run: s.executeCommand, async: true},
		"workspace/didChangeConfiguration":    {run: s.didChangeConfiguration},
		"workspace/didChangeWorkspaceFolders": {run: s.didChangeWorkspaceFolders},
		"workspace/didChangeWatchedFiles":     {run: s.didChangeWatchedFiles},
	}
	for name, m := range testMethods {
		table[name] = m(s)
	}
	return table
}

func (s *Server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

func (s *Server) isInitialized() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.initialized
}

// logf sends a line to the client's log (window/logMessage, type 1 error .. 4 log) and to
// Options.Log.
func (s *Server) logf(level protocol.MessageType, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s.opts.Log != nil {
		fmt.Fprintln(s.opts.Log, msg)
	}
	if s.conn != nil {
		_ = s.peer.LogMessage(context.Background(), &protocol.LogMessageParams{Type: level, Message: msg})
	}
}

// notify sends a notification, logging a failure instead of returning it: the client may be
// gone, and nothing the server does depends on a notification arriving.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil && s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "hotswap lsp: %s: %v\n", method, err)
	}
}

// shutdownRequest stops every app; the server then only waits for exit.
func (s *Server) shutdownRequest(ctx context.Context, _ json.RawMessage) (any, error) {
	s.sess.StopApps()
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil, nil
}

// exit ends the session.
func (s *Server) exit(ctx context.Context, _ json.RawMessage) (any, error) {
	select {
	case <-s.exited:
	default:
		close(s.exited)
	}
	return nil, nil
}

package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// method handles one LSP method. params is the raw JSON; the result is sent back for a
// request and dropped for a notification.
type method struct {
	run func(ctx context.Context, params json.RawMessage) (any, error)
	// async methods run in their own goroutine (they wait on the app); the others run one at
	// a time, in the order they arrived, so that edits are analysed in order.
	async bool
}

// outcome is a handler's answer, handed from the worker back to jsonrpc2's handler.
type outcome struct {
	result any
	err    error
}

// job is one incoming message waiting for the worker. answer is nil for a notification.
type job struct {
	ctx    context.Context
	req    *jsonrpc2.Request
	answer chan outcome
}

// inbox queues messages from jsonrpc2's read loop to the worker. jsonrpc2 v1.0.1 still runs
// a handler on its read loop unless the handler calls jsonrpc2.Async, and a handler that
// asks the client something there (workDoneProgress/create, registerCapability, refresh)
// waits for an answer that loop can no longer read (TestJSONRPC2InlineCallDeadlocks). Async
// alone would run handlers concurrently and analyse edits out of order, so every message
// is queued here in wire order and the read loop moves on.
type inbox struct {
	mu      sync.Mutex
	wake    chan struct{}
	pending []job
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

func (q *inbox) push(j job) {
	q.mu.Lock()
	q.pending = append(q.pending, j)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// editMethods are the notifications that change files.
var editMethods = map[string]bool{
	"textDocument/didOpen": true, "textDocument/didChange": true, "textDocument/didSave": true,
	"textDocument/didClose": true, "workspace/didChangeWatchedFiles": true,
}

// editsWaiting reports whether a notification that changes files waits in the queue: the
// one being handled is then part of a burst.
func (q *inbox) editsWaiting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, j := range q.pending {
		if editMethods[j.req.Method()] {
			return true
		}
	}
	return false
}

// next waits for a job or for done.
func (q *inbox) next(done <-chan struct{}) (job, bool) {
	for {
		q.mu.Lock()
		if len(q.pending) > 0 {
			j := q.pending[0]
			q.pending = q.pending[1:]
			q.mu.Unlock()
			return j, true
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-done:
			return job{}, false
		}
	}
}

// receive is the jsonrpc2 handler. It queues the message (a copy: jsonrpc2 lends the params
// only until the handler returns) before releasing the read loop, so the queue keeps wire
// order. A notification is done once queued; a request releases the read loop with Async
// and waits for the worker's answer, which jsonrpc2 then sends.
func (s *Server) receive(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	j := job{ctx: jsonrpc2.DetachContext(ctx), req: req.Clone()}
	if !req.IsCall() {
		s.inbox.push(j)
		// A notification's error would end the connection in jsonrpc2 v1.0.1; failures
		// are logged by serveJob instead.
		return nil, nil
	}
	j.ctx = ctx
	j.answer = make(chan outcome, 1)
	s.replies.owe()
	s.inbox.push(j)
	jsonrpc2.Async(ctx)
	select {
	case out := <-j.answer:
		return out.result, out.err
	case <-s.conn.Done():
		return nil, jsonrpc2.ErrServerClosing
	}
}

// errInvalidParams marks a params decoding failure, answered with -32602.
type errInvalidParams struct{ err error }

func (e errInvalidParams) Error() string { return "invalid params: " + e.err.Error() }

// decodeParams unmarshals params into v (with the protocol package's decoder for its types,
// which knows their unions); a failure becomes an invalid-params error.
func decodeParams(params json.RawMessage, v any) error {
	if len(params) == 0 || string(params) == "null" {
		return nil
	}
	if err := unmarshalWire(params, v); err != nil {
		return errInvalidParams{err}
	}
	return nil
}

// serveJob runs one message's handler, recovering from a panic so that the server survives
// it, and answers.
func (s *Server) serveJob(j job) {
	name := j.req.Method()
	isCall := j.answer != nil
	answer := func(result any, err error) {
		if isCall {
			j.answer <- outcome{result, toRPCError(err)}
		}
	}
	m, known := s.methods[name]
	if !known {
		// Unknown notifications are ignored, as the LSP asks for "$/" ones and allows for others.
		answer(nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", name))
		return
	}
	if s.isShutdown() && name != "exit" {
		// After shutdown only exit is allowed; the LSP answers requests with InvalidRequest
		// and drops notifications.
		answer(nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", name))
		return
	}
	if !s.isInitialized() && name != "initialize" && name != "exit" {
		answer(nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", name))
		return
	}
	run := func() {
		result, err := s.guard(j.ctx, name, json.RawMessage(j.req.Params()), m.run)
		if !isCall && err != nil {
			s.logf(1, "%s: %v", name, err)
		}
		answer(result, err)
	}
	if m.async {
		go run()
	} else {
		run()
	}
}

// guard calls a handler and turns a panic into an internal error that is also logged.
// jsonrpc2 v1.0.1 would answer a panic too, but then closes the whole connection.
func (s *Server) guard(ctx context.Context, name string, params json.RawMessage, run func(context.Context, json.RawMessage) (any, error)) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			s.logf(1, "hotswap lsp: panic in %s (recovered): %v\n%s", name, p, stack)
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", name, p)
		}
	}()
	return run(ctx, params)
}

// toRPCError gives an error the JSON-RPC code it deserves.
func toRPCError(err error) error {
	if err == nil {
		return nil
	}
	var rpcErr *jsonrpc2.Error
	if errors.As(err, &rpcErr) {
		return rpcErr
	}
	var bad errInvalidParams
	if errors.As(err, &bad) {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, bad.Error())
	}
	return jsonrpc2.NewError(jsonrpc2.InternalError, strings.TrimSpace(err.Error()))
}

// requestFailed is an error the user caused (no app running, unknown file), sent as -32803.
func requestFailed(format string, args ...any) error {
	return jsonrpc2.NewError(jsonrpc2.Code(-32803), fmt.Sprintf(format, args...))
}

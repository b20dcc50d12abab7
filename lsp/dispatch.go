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

// job is one incoming message waiting for the worker.
type job struct {
	ctx   context.Context
	reply jsonrpc2.Replier
	req   jsonrpc2.Request
}

// inbox queues messages from jsonrpc2's read loop to the worker. The read loop must never
// wait on a handler: jsonrpc2 v0.10.0 calls handlers on it, and a handler that asks the client
// something would otherwise wait for a response that loop can no longer read.
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

// errInvalidParams marks a params decoding failure, answered with -32602.
type errInvalidParams struct{ err error }

func (e errInvalidParams) Error() string { return "invalid params: " + e.err.Error() }

// decodeParams unmarshals params into v; a failure becomes an invalid-params error.
func decodeParams(params json.RawMessage, v any) error {
	if len(params) == 0 || string(params) == "null" {
		return nil
	}
	if err := json.Unmarshal(params, v); err != nil {
		return errInvalidParams{err}
	}
	return nil
}

// serveJob runs one message's handler, recovering from a panic so that the server survives
// it, and replies.
func (s *Server) serveJob(j job) {
	name := j.req.Method()
	_, isCall := j.req.(*jsonrpc2.Call)
	m, known := s.methods[name]
	if !known {
		if isCall {
			_ = j.reply(j.ctx, nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", name))
		}
		// Unknown notifications are ignored, as the LSP asks for "$/" ones and allows for others.
		return
	}
	if !s.isInitialized() && name != "initialize" && name != "exit" {
		if isCall {
			_ = j.reply(j.ctx, nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", name))
		}
		return
	}
	run := func() {
		result, err := s.guard(j.ctx, name, j.req.Params(), m.run)
		if isCall {
			_ = j.reply(j.ctx, result, toRPCError(err))
		} else if err != nil {
			s.logf(1, "%s: %v", name, err)
		}
	}
	if m.async {
		go run()
	} else {
		run()
	}
}

// guard calls a handler and turns a panic into an internal error that is also logged.
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

package lsp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// These tests pin how jsonrpc2 v1.0.1 itself behaves, which decides what lsp/dispatch.go and
// lsp/stream.go still wrap. If one fails after an upgrade, the wrapper it justifies may go.

// pair connects a bare jsonrpc2 server running handler to a client over a pipe.
func pair(t *testing.T, handler jsonrpc2.Handler) (client jsonrpc2.Conn, server jsonrpc2.Conn, clientEnd net.Conn) {
	t.Helper()
	serverEnd, clientEnd := net.Pipe()
	server = jsonrpc2.NewConn(jsonrpc2.NewStream(serverEnd))
	server.Go(context.Background(), handler)
	client = jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
	client.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) { return "pong", nil })
	t.Cleanup(func() {
		_ = clientEnd.Close()
		_ = serverEnd.Close()
	})
	return client, server, clientEnd
}

// Handlers run one at a time on the read loop: a second request waits for the first.
func TestJSONRPC2HandlersRunOneAtATime(t *testing.T) {
	var running, most atomic.Int32
	client, _, _ := pair(t, func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		running.Add(-1)
		return nil, nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 3)
	for range 3 {
		go func() { _, err := client.Call(ctx, "work", nil, nil); done <- err }()
	}
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if most.Load() != 1 {
		t.Fatalf("%d handlers ran at once, want 1", most.Load())
	}
}

// A handler that calls the client before returning never gets the answer: the read loop that
// would read it is the one running the handler.
func TestJSONRPC2InlineCallDeadlocks(t *testing.T) {
	var server jsonrpc2.Conn
	answered := make(chan error, 1)
	client, srv, _ := pair(t, func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		callCtx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		var got string
		_, err := server.Call(callCtx, "ping", nil, &got)
		answered <- err
		return nil, nil
	})
	server = srv
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go func() { _, _ = client.Call(ctx, "ask", nil, nil) }()
	select {
	case err := <-answered:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("the call from inside a handler ended with %v, want a deadlock cut by its timeout", err)
		}
	case <-ctx.Done():
		t.Fatal("the handler never returned")
	}
}

// An undecodable message ends the whole connection instead of being answered.
func TestJSONRPC2MalformedEndsConnection(t *testing.T) {
	_, server, clientEnd := pair(t, func(ctx context.Context, req *jsonrpc2.Request) (any, error) { return nil, nil })
	body := `{"jsonrpc":"2.0","id":1,"method":`
	go func() { _, _ = fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s", len(body), body) }()
	// Drain whatever the server writes so that it never blocks on the pipe.
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, err := clientEnd.Read(buf); err != nil {
				return
			}
		}
	}()
	select {
	case <-server.Done():
		if !errors.Is(server.Err(), jsonrpc2.ErrParse) {
			t.Fatalf("the connection ended with %v, want a parse error", server.Err())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the connection survived a malformed message: lsp/stream.go may no longer be needed")
	}
}

// An answer a handler gives after Close began is not written: Close refuses new writes.
func TestJSONRPC2CloseDropsAnswersInFlight(t *testing.T) {
	release := make(chan struct{})
	client, server, _ := pair(t, func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		jsonrpc2.Async(ctx)
		<-release
		return "late", nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	answered := make(chan error, 1)
	go func() { _, err := client.Call(ctx, "slow", nil, nil); answered <- err }()
	time.Sleep(100 * time.Millisecond) // The call reaches the handler.
	go func() { _ = server.Close() }()
	time.Sleep(100 * time.Millisecond) // Close has begun.
	close(release)
	select {
	case err := <-answered:
		if err == nil {
			t.Fatal("the answer given after Close began was written: lsp/replies.go may no longer be needed")
		}
	case <-ctx.Done():
		t.Fatal("the call was neither answered nor failed")
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/lsp"
)

// result holds one workspace's timings.
type result struct {
	first, all time.Duration
	edits      []time.Duration
}

// diagnosticsWatch hands each publishDiagnostics notification to whoever waits for it.
type diagnosticsWatch struct {
	mu      sync.Mutex
	last    time.Time
	waiters map[string]chan string
	first   chan struct{}
	once    sync.Once
}

// handle records when diagnostics arrive and wakes a waiter for that file.
func (w *diagnosticsWatch) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if req.Method() == "textDocument/publishDiagnostics" {
		var p struct {
			URI         string            `json:"uri"`
			Diagnostics []json.RawMessage `json:"diagnostics"`
		}
		_ = json.Unmarshal(req.Params(), &p)
		w.mu.Lock()
		w.last = time.Now()
		ch := w.waiters[p.URI]
		w.mu.Unlock()
		w.once.Do(func() { close(w.first) })
		if ch != nil {
			codes := make([]string, 0, len(p.Diagnostics))
			for _, d := range p.Diagnostics {
				codes = append(codes, string(d))
			}
			select {
			case ch <- strings.Join(codes, ","):
			default:
			}
		}
	}
	return nil, nil
}

// pauses are the waits before each timed edit.
var pauses = []time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond, 270 * time.Millisecond, 600 * time.Millisecond}

// measure generates a workspace of n modules, serves it and times diagnostics.
func measure(n, edits int) (result, error) {
	var r result
	dir, err := os.MkdirTemp("", "lsp-bench-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	entry, err := writeWorkspace(dir, n)
	if err != nil {
		return r, err
	}
	serverEnd, clientEnd := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = lsp.Serve(ctx, serverEnd, lsp.Options{}) }()
	watch := &diagnosticsWatch{waiters: map[string]chan string{}, first: make(chan struct{})}
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
	conn.Go(ctx, watch.handle)
	defer conn.Close()

	started := time.Now()
	if _, err := conn.Call(ctx, "initialize", map[string]any{
		"rootUri": uri.File(dir), "capabilities": map[string]any{}, "initializationOptions": map[string]any{"entry": entry}}, nil); err != nil {
		return r, err
	}
	if err := conn.Notify(ctx, "initialized", map[string]any{}); err != nil {
		return r, err
	}
	select {
	case <-watch.first:
		r.first = time.Since(started)
	case <-time.After(2 * time.Minute):
		return r, fmt.Errorf("no diagnostics within 2 minutes")
	}
	// The first analysis publishes every file at once; the burst is over when the server
	// answers a request queued behind it.
	if _, err := conn.Call(ctx, "textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri.File(filepath.Join(dir, modulePath(0)))}}, nil); err != nil {
		return r, err
	}
	watch.mu.Lock()
	r.all = watch.last.Sub(started)
	watch.mu.Unlock()

	// Edit a restart module deep in the tree: accepting itself clears its restart-required
	// diagnostic, removing the accept brings it back, so every edit changes what is published.
	target := n - 2
	file := filepath.Join(dir, modulePath(target))
	fileURI := string(uri.File(file))
	src, err := os.ReadFile(file)
	if err != nil {
		return r, err
	}
	updates := make(chan string, 1)
	watch.mu.Lock()
	watch.waiters[fileURI] = updates
	watch.mu.Unlock()
	if err := conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": fileURI, "languageId": "typescript", "version": 1, "text": string(src)}}); err != nil {
		return r, err
	}
	for i := 0; i < edits; i++ {
		// Pauses like a person's between edits: some edits arrive while the background pass
		// over the whole folder (after 250 ms of quiet) runs, as they would in an editor.
		time.Sleep(pauses[i%len(pauses)])
		text := string(src)
		if i%2 == 0 {
			text += "\nimport.meta.hot?.accept();\n"
		}
		sent := time.Now()
		if err := conn.Notify(ctx, "textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": fileURI, "version": i + 2},
			"contentChanges": []map[string]any{{"text": text}},
		}); err != nil {
			return r, err
		}
		select {
		case <-updates:
			r.edits = append(r.edits, time.Since(sent))
		case <-time.After(time.Minute):
			return r, fmt.Errorf("edit %d: no diagnostics within a minute", i)
		}
	}
	_, _ = conn.Call(ctx, "shutdown", nil, nil)
	return r, nil
}

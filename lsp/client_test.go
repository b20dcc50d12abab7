package lsp

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// testClient is an LSP client over an in-memory pipe to a server running in this process.
type testClient struct {
	t    *testing.T
	conn jsonrpc2.Conn
	root string

	mu       sync.Mutex
	changed  *sync.Cond
	notes    []notification
	requests []string
}

// notification is one message the server sent without asking for an answer.
type notification struct {
	Method string
	Params json.RawMessage
}

// clientOptions choose what the test client says in initialize.
type clientOptions struct {
	settings     any
	capabilities map[string]any
}

// startServer copies a fixture project into a temporary folder, starts a server and
// initializes it with that folder.
func startServer(t *testing.T, fixture string, opts clientOptions) *testClient {
	t.Helper()
	root := copyFixture(t, fixture)
	ctx, cancel := context.WithCancel(context.Background())
	clientEnd, done := servePipe(ctx, t)
	c := &testClient{t: t, root: root}
	c.changed = sync.NewCond(&c.mu)
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
	c.conn.Go(ctx, c.handle)
	t.Cleanup(func() {
		shutdownCtx, stop := context.WithTimeout(context.Background(), 15*time.Second)
		defer stop()
		_, _ = c.conn.Call(shutdownCtx, "shutdown", nil, nil)
		_ = c.conn.Notify(shutdownCtx, "exit", nil)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("the server did not end after exit")
		}
		cancel()
		_ = clientEnd.Close()
	})
	caps := opts.capabilities
	if caps == nil {
		caps = map[string]any{}
	}
	var result json.RawMessage
	c.call("initialize", map[string]any{
		"processId":             os.Getpid(),
		"rootUri":               uri.File(root),
		"capabilities":          caps,
		"initializationOptions": opts.settings,
	}, &result)
	if !strings.Contains(string(result), `"inlayHintProvider":true`) || !strings.Contains(string(result), `"hotswap.start"`) {
		t.Fatalf("initialize result lacks the server's capabilities: %s", result)
	}
	c.notify("initialized", map[string]any{})
	return c
}

// servePipe runs Serve in this process on one end of an in-memory pipe until ctx ends, and
// returns the other end and a channel closed once Serve has returned.
func servePipe(ctx context.Context, t *testing.T) (clientEnd net.Conn, done <-chan struct{}) {
	serverEnd, clientEnd := net.Pipe()
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = Serve(ctx, serverEnd, Options{Log: testLog{t}})
	}()
	return clientEnd, served
}

// testLog sends the server's own log to the test's.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// handle records notifications and answers the server's requests with null. jsonrpc2 lends
// the method and params only until the handler returns, so both are copied.
func (c *testClient) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	req = req.Clone()
	c.mu.Lock()
	if req.IsCall() {
		c.requests = append(c.requests, req.Method())
	} else {
		c.notes = append(c.notes, notification{Method: req.Method(), Params: append(json.RawMessage(nil), req.Params()...)})
	}
	c.changed.Broadcast()
	c.mu.Unlock()
	return nil, nil
}

// call sends a request and fails the test on an error.
func (c *testClient) call(method string, params, result any) {
	c.t.Helper()
	if err := c.tryCall(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// tryCall sends a request and returns its error.
func (c *testClient) tryCall(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// await waits until a notification after index from matches, and returns its index.
func (c *testClient) await(from int, what string, match func(notification) bool) int {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	timer := time.AfterFunc(30*time.Second, func() {
		c.mu.Lock()
		c.changed.Broadcast()
		c.mu.Unlock()
	})
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		for i := from; i < len(c.notes); i++ {
			if match(c.notes[i]) {
				return i
			}
		}
		if time.Now().After(deadline) {
			var seen []string
			for _, n := range c.notes[from:] {
				seen = append(seen, n.Method+" "+truncate(string(n.Params), 300))
			}
			c.t.Fatalf("timed out waiting for %s; got:\n%s", what, strings.Join(seen, "\n"))
		}
		c.changed.Wait()
	}
}

// mark returns the number of notifications so far, to await only later ones.
func (c *testClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// awaitDiagnostics waits for diagnostics of a file (relative to the root) that satisfy ok.
func (c *testClient) awaitDiagnostics(from int, rel string, ok func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	var got []protocol.Diagnostic
	c.await(from, "diagnostics of "+rel, func(n notification) bool {
		if n.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p protocol.PublishDiagnosticsParams
		_ = protocol.Unmarshal(n.Params, &p)
		if filepath.Clean(p.URI.FsPath()) != c.path(rel) || !ok(p.Diagnostics) {
			return false
		}
		got = p.Diagnostics
		return true
	})
	return got
}

// awaitEvent waits for a hotswap/event whose kind is kind and that satisfies ok.
func (c *testClient) awaitEvent(from int, kind string, ok func(map[string]any) bool) (map[string]any, int) {
	c.t.Helper()
	var got map[string]any
	i := c.await(from, "hotswap/event "+kind, func(n notification) bool {
		if n.Method != "hotswap/event" {
			return false
		}
		var e map[string]any
		_ = json.Unmarshal(n.Params, &e)
		if e["kind"] != kind || (ok != nil && !ok(e)) {
			return false
		}
		got = e
		return true
	})
	return got, i
}

// latestDiagnostics returns the last diagnostics published for every file, by relative path.
func (c *testClient) latestDiagnostics() map[string][]protocol.Diagnostic {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string][]protocol.Diagnostic{}
	for _, n := range c.notes {
		if n.Method == "textDocument/publishDiagnostics" {
			var p protocol.PublishDiagnosticsParams
			_ = protocol.Unmarshal(n.Params, &p)
			rel, _ := filepath.Rel(c.root, filepath.Clean(p.URI.FsPath()))
			out[filepath.ToSlash(rel)] = p.Diagnostics
		}
	}
	return out
}

func (c *testClient) path(rel string) string { return filepath.Join(c.root, filepath.FromSlash(rel)) }

func (c *testClient) uri(rel string) uri.URI {
	return uri.File(c.path(rel))
}

// open sends didOpen with the file's text on disk.
func (c *testClient) open(rel string) string {
	c.t.Helper()
	text, err := os.ReadFile(c.path(rel))
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": c.uri(rel), "languageId": "typescript", "version": 1, "text": string(text)}})
	return string(text)
}

// change sends the new full text of an open file without saving it.
func (c *testClient) change(rel string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": c.uri(rel), "version": version},
		"contentChanges": []map[string]any{{"text": text}}})
}

// save writes text to disk and sends didSave.
func (c *testClient) save(rel, text string) {
	c.t.Helper()
	if err := os.WriteFile(c.path(rel), []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": c.uri(rel)}, "text": text})
}

// codeLenses returns the titles of a file's code lenses as "line: title".
func (c *testClient) codeLenses(rel string) []string {
	c.t.Helper()
	var lenses []protocol.CodeLens
	c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": c.uri(rel)}}, &lenses)
	var out []string
	for _, l := range lenses {
		if l.Command.Command == "" {
			c.t.Fatalf("code lens without a command in %s: %+v", rel, l)
		}
		out = append(out, formatPos(l.Range.Start)+" "+l.Command.Title)
	}
	return out
}

// copyFixture copies testdata/lsp/<name> into a new temporary directory.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "testdata", "lsp", name)
	out, err := exec.Command("cp", "-R", src+"/.", dst).CombinedOutput()
	if err != nil {
		t.Fatalf("copying %s: %v: %s", src, err, out)
	}
	real, err := filepath.EvalSymlinks(dst)
	if err != nil {
		t.Fatal(err)
	}
	return real
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// diagSource is a diagnostic's source, "" when it has none.
func diagSource(d protocol.Diagnostic) string {
	source, _ := d.Source.Get()
	return source
}

// diagMessage is a diagnostic's message, plain or markup.
func diagMessage(d protocol.Diagnostic) string {
	switch m := d.Message.(type) {
	case protocol.String:
		return string(m)
	case *protocol.MarkupContent:
		return m.Value
	}
	return ""
}

// diagCode is a diagnostic's code as text.
func diagCode(d protocol.Diagnostic) string {
	switch c := d.Code.(type) {
	case protocol.String:
		return string(c)
	case protocol.Integer:
		return strconv.Itoa(int(c))
	}
	return ""
}

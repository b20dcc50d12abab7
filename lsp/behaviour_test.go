package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// An unsaved edit is analysed from the buffer: adding accept() to config.ts makes it hot and
// clears its restart diagnostic; closing the buffer goes back to the file on disk.
func TestUnsavedBufferIsAnalysed(t *testing.T) {
	c := startServer(t, "basic", clientOptions{})
	c.awaitDiagnostics(0, "src/config.ts", hasCode("hotswap/restart-required"))
	text := c.open("src/config.ts")
	from := c.mark()
	c.change("src/config.ts", 2, text+"\nimport.meta.hot?.accept();\n")
	c.awaitDiagnostics(from, "src/config.ts", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
	if got := c.codeLenses("src/config.ts"); len(got) != 2 || got[0] != "0:0 hot: accepts its own updates (static)" || got[1] != "3:0 accepts updates from 1 module (static)" {
		t.Errorf("lenses of the edited buffer: %q", got)
	}
	from = c.mark()
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": c.uri("src/config.ts")}})
	c.awaitDiagnostics(from, "src/config.ts", hasCode("hotswap/restart-required"))
}

// A syntax error in an unsaved buffer is reported at its place, with the stable code.
func TestSyntaxErrorInBuffer(t *testing.T) {
	c := startServer(t, "basic", clientOptions{})
	c.awaitDiagnostics(0, "src/server.ts", hasCode("hotswap/restart-required"))
	c.open("src/util.ts")
	from := c.mark()
	c.change("src/util.ts", 2, "export function helper( {\n  return 1;\n")
	d := c.awaitDiagnostics(from, "src/util.ts", hasCode("hotswap/syntax-error"))
	if d[0].Severity != protocol.DiagnosticSeverityError || diagSource(d[0]) != "hotswap" {
		t.Errorf("syntax error diagnostic: %+v", d[0])
	}
}

// Each inline feature switches off with its setting, from initializationOptions and from
// didChangeConfiguration; a new entry in the settings re-analyses.
func TestSettingsSwitchFeatures(t *testing.T) {
	off := map[string]any{"enabled": false}
	c := startServer(t, "basic", clientOptions{settings: map[string]any{"codeLens": off, "inlayHints": off, "hover": off}})
	c.awaitDiagnostics(0, "src/server.ts", hasCode("hotswap/restart-required"))
	c.open("src/main.ts")
	if got := c.codeLenses("src/main.ts"); len(got) != 0 {
		t.Errorf("code lenses while switched off: %q", got)
	}
	var hints []protocol.InlayHint
	c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": c.uri("src/main.ts")},
		"range": protocol.Range{End: protocol.Position{Line: 100}}}, &hints)
	if len(hints) != 0 {
		t.Errorf("inlay hints while switched off: %+v", hints)
	}
	var hover *protocol.Hover
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": c.uri("src/main.ts")}, "position": protocol.Position{Line: 4, Character: 36}}, &hover)
	if hover != nil {
		t.Errorf("hover while switched off: %+v", hover)
	}
	from := c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"hotswap": map[string]any{"entry": "src/server.ts"}}})
	// With server.ts as the entry, main.ts is outside the graph and its diagnostics go away.
	c.awaitDiagnostics(from, "src/main.ts", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
	if got := c.codeLenses("src/server.ts"); len(got) != 1 || got[0] != "0:0 restart: this is the entry, and it accepts no updates (static)" {
		t.Errorf("lenses after the entry changed: %q", got)
	}
	c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": c.uri("src/server.ts")},
		"range": protocol.Range{End: protocol.Position{Line: 100}}}, &hints)
	if len(hints) != 2 {
		t.Errorf("inlay hints after switching on: %+v", hints)
	}
}

// A client that supports work-done progress sees the first analysis begin and end.
func TestProgressOnFirstAnalysis(t *testing.T) {
	c := startServer(t, "basic", clientOptions{capabilities: map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	begin := c.await(0, "progress begin", func(n notification) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"begin"`)
	})
	c.await(begin, "progress end", func(n notification) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`) && strings.Contains(string(n.Params), "8 modules")
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.requests) == 0 || c.requests[0] != "window/workDoneProgress/create" {
		t.Errorf("the server asked the client %q, want window/workDoneProgress/create first", c.requests)
	}
}

// A panicking handler answers with an internal error and the server goes on serving.
func TestPanicIsRecovered(t *testing.T) {
	testMethods = map[string]func(*Server) method{
		"test/panic": func(*Server) method {
			return method{run: func(context.Context, json.RawMessage) (any, error) { panic("boom") }}
		},
	}
	t.Cleanup(func() { testMethods = nil })
	c := startServer(t, "basic", clientOptions{})
	err := c.tryCall("test/panic", map[string]any{}, nil)
	var rpcErr *jsonrpc2.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.InternalError || !strings.Contains(rpcErr.Message, "boom") {
		t.Fatalf("panic answered with %v, want an internal error naming it", err)
	}
	c.await(0, "the panic in the client's log", func(n notification) bool {
		return n.Method == "window/logMessage" && strings.Contains(string(n.Params), "panic in test/panic")
	})
	c.open("src/main.ts")
	if got := c.codeLenses("src/main.ts"); len(got) == 0 {
		t.Error("no code lenses after the panic: the server stopped serving")
	}
}

// Requests the server does not know, and bad params, get JSON-RPC errors.
func TestRequestErrors(t *testing.T) {
	c := startServer(t, "basic", clientOptions{})
	cases := []struct {
		method string
		params any
		code   jsonrpc2.Code
	}{
		{"textDocument/definition", map[string]any{}, jsonrpc2.MethodNotFound},
		{"textDocument/codeLens", map[string]any{"textDocument": 5}, jsonrpc2.InvalidParams},
		{"workspace/executeCommand", map[string]any{"command": "hotswap.nope"}, jsonrpc2.InvalidParams},
		{"workspace/executeCommand", map[string]any{"command": "hotswap.explain", "arguments": []any{map[string]any{}}}, jsonrpc2.InvalidParams},
		{"workspace/executeCommand", map[string]any{"command": "hotswap.push"}, jsonrpc2.Code(-32803)},
	}
	for _, tc := range cases {
		err := c.tryCall(tc.method, tc.params, nil)
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) || rpcErr.Code != tc.code {
			t.Errorf("%s %v: got %v, want code %d", tc.method, tc.params, err, tc.code)
		}
	}
}

// hasCode matches diagnostics that include one with the code.
func hasCode(code string) func([]protocol.Diagnostic) bool {
	return func(list []protocol.Diagnostic) bool {
		for _, d := range list {
			if diagCode(d) == code {
				return true
			}
		}
		return false
	}
}

// A project without a recognisable entry gets a warning that says how to name one.
func TestMissingEntryIsSaid(t *testing.T) {
	c := startServer(t, "noentry", clientOptions{})
	c.await(0, "a warning about the missing entry", func(n notification) bool {
		return n.Method == "window/showMessage" && strings.Contains(string(n.Params), "no entry found") && strings.Contains(string(n.Params), "package.json")
	})
	// A named entry that does not exist is a diagnostic on that path.
	from := c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"hotswap": map[string]any{"entry": "src/main.ts"}}})
	c.awaitDiagnostics(from, "src/main.ts", hasCode("hotswap/missing-entry"))
	err := c.tryCall("workspace/executeCommand", map[string]any{"command": "hotswap.start"}, nil)
	if err == nil || !strings.Contains(err.Error(), "src/main.ts") {
		t.Errorf("starting with a missing entry: %v, want an error naming src/main.ts", err)
	}
}

// Folders added later are analysed; removed ones have their diagnostics cleared.
func TestWorkspaceFoldersChange(t *testing.T) {
	c := startServer(t, "basic", clientOptions{})
	c.awaitDiagnostics(0, "src/server.ts", hasCode("hotswap/restart-required"))
	other := copyFixture(t, "app")
	folder := map[string]any{"uri": uri.File(other), "name": "app"}
	from := c.mark()
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{folder}, "removed": []any{}}})
	main := uri.File(filepath.Join(other, "src", "main.ts"))
	published := func(want bool) func(n notification) bool {
		return func(n notification) bool {
			var p protocol.PublishDiagnosticsParams
			_ = protocol.Unmarshal(n.Params, &p)
			return n.Method == "textDocument/publishDiagnostics" && p.URI == main && (len(p.Diagnostics) > 0) == want
		}
	}
	c.await(from, "diagnostics of the added folder", published(true))
	from = c.mark()
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": []any{folder}}})
	c.await(from, "diagnostics of the removed folder cleared", published(false))
}

// Files changed outside the editor are re-analysed when the client reports them: creating the
// missing module resolves broken.ts's import. A client that can register watchers is asked to.
func TestWatchedFiles(t *testing.T) {
	c := startServer(t, "basic", clientOptions{capabilities: map[string]any{"workspace": map[string]any{
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	c.awaitDiagnostics(0, "src/broken.ts", hasCode("hotswap/unresolved-import"))
	if err := os.WriteFile(c.path("src/nope.ts"), []byte("export const nothing = 0;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from := c.mark()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": c.uri("src/nope.ts"), "type": 1}}})
	c.awaitDiagnostics(from, "src/broken.ts", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
	c.mu.Lock()
	asked := strings.Join(c.requests, " ")
	c.mu.Unlock()
	if !strings.Contains(asked, "client/registerCapability") {
		t.Errorf("the server asked the client %q, want client/registerCapability", asked)
	}
}

// A package.json whose hotHook.boundaries cannot be used gets its warning in the editor, on the
// package.json itself: on disk from the first pass (nobody opened it), and in a buffer as it is
// edited, where fixing it clears the warning.
func TestInvalidHotHookConfigIsShownOnPackageJSON(t *testing.T) {
	disk := startServer(t, "badconfig", clientOptions{})
	d := disk.awaitDiagnostics(0, "package.json", hasCode("hotswap/invalid-config"))
	if d[0].Severity != protocol.DiagnosticSeverityWarning || d[0].Range.Start.Line != 5 {
		t.Errorf("invalid-config diagnostic on disk: %+v", d[0])
	}

	c := startServer(t, "basic", clientOptions{})
	c.awaitDiagnostics(0, "src/server.ts", hasCode("hotswap/restart-required"))
	text := c.open("package.json")
	from := c.mark()
	broken := strings.Replace(text, `"private": true,`, `"private": true, "hotHook": { "boundaries": "src/*.ts" },`, 1)
	c.change("package.json", 2, broken)
	c.awaitDiagnostics(from, "package.json", hasCode("hotswap/invalid-config"))
	from = c.mark()
	c.change("package.json", 3, text)
	c.awaitDiagnostics(from, "package.json", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
}

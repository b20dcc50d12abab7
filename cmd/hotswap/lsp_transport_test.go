package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lspProcess is `hotswap lsp --stdio` as a process, talked to over real pipes.
type lspProcess struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *textproto.Reader
	stderr *lockedBuffer
	done   chan error
}

// startLSP starts the server; it is killed at the end of the test if it is still running.
func startLSP(t *testing.T) *lspProcess {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, os.Args[0], "lsp", "--stdio")
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &lspProcess{t: t, cmd: cmd, stdin: stdin, out: textproto.NewReader(bufio.NewReader(stdout)), stderr: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		// Drain stdout after the test stops reading, so the server never blocks on it.
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Process.Kill()
	})
	return p
}

// send writes raw bytes to the server's stdin.
func (p *lspProcess) send(raw string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, raw); err != nil {
		p.t.Fatal(err)
	}
}

// frame is one message with its Content-Length header.
func frame(body string) string {
	return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// message marshals a JSON-RPC message and frames it.
func message(fields map[string]any) string {
	fields["jsonrpc"] = "2.0"
	data, _ := json.Marshal(fields)
	return frame(string(data))
}

// receive reads the next message from stdout.
func (p *lspProcess) receive() map[string]any {
	p.t.Helper()
	header, err := p.out.ReadMIMEHeader()
	if err != nil {
		p.t.Fatalf("reading from hotswap lsp: %v; stderr: %s", err, p.stderr.String())
	}
	n, _ := strconv.Atoi(header.Get("Content-Length"))
	body := make([]byte, n)
	if _, err := io.ReadFull(p.out.R, body); err != nil {
		p.t.Fatal(err)
	}
	var msg map[string]any
	if err := json.Unmarshal(body, &msg); err != nil {
		p.t.Fatalf("hotswap lsp sent %q: %v", body, err)
	}
	return msg
}

// response reads messages until the answer to id, and returns it with the notifications
// seen on the way.
func (p *lspProcess) response(id float64) (map[string]any, []map[string]any) {
	p.t.Helper()
	var notes []map[string]any
	for {
		msg := p.receive()
		if msg["method"] == nil && msg["id"] == id {
			return msg, notes
		}
		notes = append(notes, msg)
	}
}

// exitCode waits for the server to end and returns its exit code.
func (p *lspProcess) exitCode(within time.Duration) int {
	p.t.Helper()
	go func() { _, _ = io.Copy(io.Discard, p.out.R) }()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(within):
		p.t.Fatalf("hotswap lsp still runs %s later; stderr: %s", within, p.stderr.String())
		return -1
	}
}

const initialize = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`

// A message whose framing is broken ends the server with a non-zero code and a line on
// stderr that says what was wrong; a Content-Length over the limit is refused at once, not
// waited for. Each case keeps stdin open, as an editor does, except where the client hangs
// up in the middle of a body.
func TestLSPFramingErrorsEndTheServerNonZero(t *testing.T) {
	cases := []struct {
		name, input string
		hangUp      bool
		stderr      string
	}{
		{"no Content-Length", "Content-Type: application/json\r\n\r\n" + initialize, false, "without Content-Length"},
		{"Content-Length not a number", "Content-Length: many\r\n\r\n" + initialize, false, `bad Content-Length "many"`},
		{"Content-Length too short", "Content-Length: 20\r\n\r\n" + initialize + frame(initialize), false, "malformed MIME header"},
		{"Content-Length too long", "Content-Length: 500\r\n\r\n" + initialize, true, "reading a message body of 500 bytes"},
		{"Content-Length over the limit", "Content-Length: 99999999999\r\n\r\n" + initialize, false, "over the limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := startLSP(t)
			p.send(tc.input)
			if tc.hangUp {
				_ = p.stdin.Close()
			}
			if code := p.exitCode(20 * time.Second); code != 1 {
				t.Errorf("exit code %d, want 1; stderr: %s", code, p.stderr.String())
			}
			if !strings.Contains(p.stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", p.stderr.String(), tc.stderr)
			}
		})
	}
}

// exit without shutdown ends the server with code 1, as the LSP asks.
func TestLSPExitWithoutShutdownExitsOne(t *testing.T) {
	p := startLSP(t)
	p.send(frame(initialize))
	p.response(1)
	p.send(message(map[string]any{"method": "exit"}))
	if code := p.exitCode(20 * time.Second); code != 1 {
		t.Errorf("exit code %d, want 1; stderr: %s", code, p.stderr.String())
	}
}

// After shutdown a request gets InvalidRequest, and exit then ends the server with code 0.
func TestLSPRequestAfterShutdownIsInvalid(t *testing.T) {
	p := startLSP(t)
	p.send(frame(initialize))
	p.response(1)
	p.send(message(map[string]any{"id": 2, "method": "shutdown"}))
	if r, _ := p.response(2); r["error"] != nil {
		t.Fatalf("shutdown answered %v", r)
	}
	p.send(message(map[string]any{"id": 3, "method": "textDocument/hover", "params": map[string]any{
		"textDocument": map[string]any{"uri": "file:///nowhere/a.ts"}, "position": map[string]any{"line": 0, "character": 0}}}))
	r, _ := p.response(3)
	if e, _ := r["error"].(map[string]any); e == nil || e["code"] != -32600.0 {
		t.Errorf("hover after shutdown answered %v, want error -32600", r)
	}
	p.send(message(map[string]any{"method": "exit"}))
	if code := p.exitCode(20 * time.Second); code != 0 {
		t.Errorf("exit code %d after shutdown and exit, want 0; stderr: %s", code, p.stderr.String())
	}
}

// Published diagnostics carry the version of the open document, and a burst of edits sent in
// one write is published as one (or a few) rounds, the last for the last version, instead of
// one round per edit.
func TestLSPDiagnosticsCarryVersionsAndBurstsCoalesce(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"package.json": `{"name":"burst","type":"module","main":"main.js"}`,
		"main.js":      "import './missing0.js';\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mainURI := "file://" + filepath.Join(dir, "main.js")
	p := startLSP(t)
	p.send(message(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{
		"capabilities": map[string]any{}, "rootUri": "file://" + dir}}))
	p.response(1)
	p.send(message(map[string]any{"method": "initialized", "params": map[string]any{}}))
	p.send(message(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": mainURI, "languageId": "javascript", "version": 1, "text": "import './missing1.js';\n"}}}))
	p.send(message(map[string]any{"id": 2, "method": "textDocument/hover", "params": map[string]any{
		"textDocument": map[string]any{"uri": mainURI}, "position": map[string]any{"line": 5, "character": 0}}}))
	_, notes := p.response(2)
	published := func(notes []map[string]any) []map[string]any {
		var out []map[string]any
		for _, n := range notes {
			if params, _ := n["params"].(map[string]any); n["method"] == "textDocument/publishDiagnostics" && params["uri"] == mainURI {
				out = append(out, params)
			}
		}
		return out
	}
	first := published(notes)
	if len(first) == 0 || first[len(first)-1]["version"] != 1.0 {
		t.Fatalf("diagnostics after didOpen: %v; want the last with version 1", first)
	}

	const edits = 40
	var burst strings.Builder
	for v := 2; v <= edits+1; v++ {
		burst.WriteString(message(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
			"textDocument":   map[string]any{"uri": mainURI, "version": v},
			"contentChanges": []any{map[string]any{"text": fmt.Sprintf("import './missing%d.js';\n", v)}}}}))
	}
	burst.WriteString(message(map[string]any{"id": 3, "method": "textDocument/hover", "params": map[string]any{
		"textDocument": map[string]any{"uri": mainURI}, "position": map[string]any{"line": 5, "character": 0}}}))
	p.send(burst.String())
	_, notes = p.response(3)
	rounds := published(notes)
	// The last edit of the burst publishes at once; wait for it if the hover overtook it.
	for len(rounds) == 0 || rounds[len(rounds)-1]["version"] != float64(edits+1) {
		msg := p.receive()
		rounds = append(rounds, published([]map[string]any{msg})...)
	}
	last := rounds[len(rounds)-1]
	diags, _ := last["diagnostics"].([]any)
	if !strings.Contains(fmt.Sprint(diags), fmt.Sprintf(`cannot resolve "./missing%d.js"`, edits+1)) {
		t.Errorf("last diagnostics %v, want the unresolved import of version %d", diags, edits+1)
	}
	if len(rounds) > edits/4 {
		t.Errorf("%d edits in one burst were published %d times, want them coalesced", edits, len(rounds))
	}
	t.Logf("%d edits in one burst: %d rounds of diagnostics", edits, len(rounds))
	p.send(message(map[string]any{"id": 4, "method": "shutdown"}))
	p.response(4)
	p.send(message(map[string]any{"method": "exit"}))
	if code := p.exitCode(20 * time.Second); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// nvimResult is what testdata/lsp/nvim/e2e.lua writes.
type nvimResult struct {
	Error       string `json:"error"`
	Steps       []string
	Diagnostics []struct {
		Message, Source string
		Code            any
		Related         int
	}
	Lenses []string
	Start  map[string]any
	Hot    bool
	Events []map[string]any
}

// Neovim's own LSP client (a client nobody here wrote) drives `hotswap lsp`: it receives the
// diagnostics and code lenses of the app fixture, starts the app, saves an edit and receives
// the hotswap/event of the hot update. Without nvim the test is skipped, except under CI=true,
// where a missing nvim is a failure (make test-nvim installs it).
func TestNeovimEndToEnd(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nvim is not installed (make test-nvim installs it with apt-get)")
		}
		t.Skip("nvim is not installed; make test-nvim installs it")
	}
	root := t.TempDir()
	if out, err := exec.Command("cp", "-R", filepath.Join(repoDir(t), "testdata", "lsp", "app")+"/.", root).CombinedOutput(); err != nil {
		t.Fatalf("copying the fixture: %v: %s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(t.TempDir(), "result.json")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n",
		"-c", "luafile "+filepath.Join(repoDir(t), "testdata", "lsp", "nvim", "e2e.lua"))
	cmd.Env = append(os.Environ(),
		"HOTSWAP_E2E_ROOT="+root,
		"HOTSWAP_E2E_OUT="+outFile,
		"HOTSWAP_E2E_CMD="+self,
		"HOTSWAP_E2E_NODE="+pinnedNode(t),
		"HOTSWAP_E2E_RUNTIME="+filepath.Join(repoDir(t), "hmr", "runtime", "register.js"),
		"XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	cmd.WaitDelay = 5 * time.Second
	output, err := cmd.CombinedOutput()
	data, readErr := os.ReadFile(outFile)
	if readErr != nil {
		t.Fatalf("nvim wrote no result (%v): %v\n%s", readErr, err, output)
	}
	var got nvimResult
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("result %s: %v", data, err)
	}
	if got.Error != "" {
		t.Fatalf("the Lua script failed after steps %q: %s\n%s", got.Steps, got.Error, output)
	}
	var codes []string
	for _, d := range got.Diagnostics {
		code, _ := d.Code.(string)
		codes = append(codes, code)
		if code == "hotswap/restart-required" && (d.Source != "hotswap" || d.Related != 1) {
			t.Errorf("restart-required diagnostic in nvim: %+v", d)
		}
	}
	if strings.Join(codes, ",") != "hotswap/restart-required" {
		t.Errorf("diagnostics of config.ts in nvim: %+v", got.Diagnostics)
	}
	if len(got.Lenses) != 1 || got.Lenses[0] != "restart: reaches src/main.ts directly (static)" {
		t.Errorf("code lenses of config.ts in nvim: %q", got.Lenses)
	}
	if got.Start["state"] != "running" {
		t.Errorf("hotswap.start from nvim answered %v", got.Start)
	}
	if !got.Hot {
		var kinds []string
		for _, e := range got.Events {
			kinds = append(kinds, e["kind"].(string)+":"+e["text"].(string))
		}
		t.Errorf("no successful update event after saving in nvim; events: %q", kinds)
	}
}

// `hotswap lsp --stdio` as a process: it answers initialize on stdout, ends with code 0 right
// after shutdown and exit, and rejects stray arguments.
func TestLSPProcess(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	frame := func(body string) string { return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body }
	input := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, "lsp", "--stdio")
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// stdin stays open, as an editor keeps it: the server must end on exit alone.
	defer stdin.Close()
	if _, err := io.WriteString(stdin, input); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("hotswap lsp ended with %v; stdout:\n%s", err, stdout.String())
	}
	if took := time.Since(started); took > 3*time.Second {
		t.Errorf("hotswap lsp took %s to end after exit", took)
	}
	if !strings.Contains(stdout.String(), `"inlayHintProvider":true`) || !strings.Contains(stdout.String(), `"id":2`) {
		t.Errorf("stdout lacks the initialize and shutdown answers:\n%s", stdout.String())
	}
	var usage strings.Builder
	if code := runLSP([]string{"extra"}, nil, nil, &usage); code != 2 || !strings.Contains(usage.String(), "usage: hotswap lsp") {
		t.Errorf("hotswap lsp extra: exit code %d, output %q; want 2 and the usage", code, usage.String())
	}
}

// A client that hangs up right after its requests (a script piping them in) still gets the
// answers: the server writes what it owes before it ends.
func TestLSPProcessAnswersBeforeHangUp(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	frame := func(body string) string { return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body }
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, "lsp", "--stdio")
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	cmd.Stdin = strings.NewReader(frame(`{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":8,"method":"shutdown"}`))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hotswap lsp ended with %v; stdout:\n%s", err, out)
	}
	if !strings.Contains(string(out), `"inlayHintProvider":true`) || !strings.Contains(string(out), `"id":8`) {
		t.Errorf("no answers to initialize and shutdown after the client hung up; stdout:\n%s", out)
	}
}

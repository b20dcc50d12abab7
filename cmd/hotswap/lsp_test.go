package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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

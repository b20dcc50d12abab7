package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
)

// runOnce runs `hotswap run <args>` to its end and returns its exit code and stderr.
func runOnce(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"run"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("hotswap run %v did not end", args)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

func TestRunMissingEntryNamesThePath(t *testing.T) {
	dir := t.TempDir()
	code, stderr := runOnce(t, dir, "--node", pinnedNode(t), "src/nope.ts")
	want := filepath.Join(dir, "src", "nope.ts")
	if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "does not exist") {
		t.Fatalf("exit %d, stderr %q; want 1 and an error naming %s", code, stderr, want)
	}
}

func TestRunRejectsOldNodeNamingItAndTheFix(t *testing.T) {
	app := fixtureApp(t, "server")
	oldNode := filepath.Join(t.TempDir(), "node")
	if err := os.WriteFile(oldNode, []byte("#!/bin/sh\necho v20.11.1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stderr := runOnce(t, app, "--node", oldNode, "main.js")
	for _, want := range []string{oldNode, "v20.11.1", "v22.15.0", "--node"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %s", want, stderr)
		}
	}
	if code != 1 {
		t.Fatalf("exit code %d, want 1", code)
	}
}

func TestRunWithoutEntryStartsTheExample(t *testing.T) {
	s := startCLI(t, t.TempDir(), []string{"PORT=" + freePort(t)}, "--json")
	s.waitEvent(0, driver.KindReady, nil)
	line := waitStderr(t, s, "[hotswap] edit ")
	hint := strings.TrimSuffix(strings.TrimPrefix(line, "[hotswap] edit "), " while it runs")
	if filepath.Base(hint) != "greeting.js" {
		t.Fatalf("edit hint = %q", line)
	}
	port, _ := s.port(0)
	if got := get(t, port); !strings.Contains(got, "Hello from Hotswap!") {
		t.Fatalf("example replies %q", got)
	}
	text, err := os.ReadFile(hint)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, hint, strings.Replace(string(text), "Hello from Hotswap!", "Edited greeting", 1))
	s.waitEvent(0, driver.KindUpdate, nil)
	if got := get(t, port); !strings.Contains(got, "Edited greeting") || !strings.Contains(got, "visits: 2") {
		t.Fatalf("after editing the hint the example replies %q", got)
	}
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if _, err := os.Stat(filepath.Dir(hint)); !os.IsNotExist(err) {
		t.Fatalf("the example's temporary folder was left behind: %v", err)
	}
}

func TestParseRunArgs(t *testing.T) {
	cfg, err := parseRunArgs([]string{"--quiet", "src/main.ts", "--node-arg", "--enable-source-maps", "--node-arg=--trace-warnings", "--", "--port", "8080"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.entry != "src/main.ts" || !cfg.quiet || !slices.Equal(cfg.nodeArgs, []string{"--enable-source-maps", "--trace-warnings"}) || !slices.Equal(cfg.appArgs, []string{"--port", "8080"}) {
		t.Fatalf("config = %+v", cfg)
	}
	if _, err := parseRunArgs([]string{"main.js", "extra"}, io.Discard); err == nil || !strings.Contains(err.Error(), "after --") {
		t.Fatalf("a stray argument gave %v", err)
	}
	if _, err := parseRunArgs([]string{"--no-such-flag"}, io.Discard); err == nil {
		t.Fatal("an unknown flag was accepted")
	}
}

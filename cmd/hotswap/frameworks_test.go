package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// frameworkSpec is testdata/apps/<name>/hotswap-test.json: how the app starts, what it serves,
// and what each edit does.
type frameworkSpec struct {
	Entry    string `json:"entry"`
	Response string `json:"response"`
	// Output, when set, is text the app prints after its first response (a worker's log line).
	Output string          `json:"output"`
	Edits  []frameworkEdit `json:"edits"`
}

// frameworkEdit is one edit of a framework app and its expected effect.
type frameworkEdit struct {
	File string `json:"file"`
	// Replace is [old, new]: the first occurrence of old in File becomes new.
	Replace []string `json:"replace"`
	// Effect is "hot" (one update, same process) or "restart".
	Effect string `json:"effect"`
	// Message, when set, must appear in the restart's explanation.
	Message string `json:"message"`
	// Check is what `hotswap check` predicts for File: "hot", "restart", or "none" when the
	// file is not in its graph (files only a framework's loader imports).
	Check string `json:"check"`
	// Listens marks a hot edit after which the app listens again (NestJS's module.hot recipe
	// bootstraps anew in the same process): the response is asked of its new "listening on".
	Listens bool `json:"listens"`
	// Response is what the app serves after the edit.
	Response string `json:"response"`
}

// frameworkCorpus installs the pinned frameworks once (scripts/corpus.sh, cached in
// .cache/corpus/) and returns the directory holding their node_modules.
func frameworkCorpus(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoDir(t), "scripts", "corpus.sh"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/corpus.sh: %v\n%s", err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// TestFrameworkApps runs every app under testdata/apps (Express, Fastify with autoload, Hono
// JSX, Koa, NestJS, on the pinned npm versions) under the real `hotswap run`, requests its page,
// edits its files and checks each edit's effect against the spec and against `hotswap check`.
func TestFrameworkApps(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join(repoDir(t), "testdata", "apps", "*", "hotswap-test.json"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no framework apps: %v", err)
	}
	corpus := frameworkCorpus(t)
	for _, specPath := range specs {
		source := filepath.Dir(specPath)
		t.Run(filepath.Base(source), func(t *testing.T) {
			var spec frameworkSpec
			data, err := os.ReadFile(specPath)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &spec); err != nil {
				t.Fatalf("%s: %v", specPath, err)
			}
			runFrameworkApp(t, corpus, source, spec)
		})
	}
}

func runFrameworkApp(t *testing.T, corpus, source string, spec frameworkSpec) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(source)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(corpus, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	predicted := checkVerdicts(t, dir, spec.Entry)

	s := startCLI(t, dir, nil, "--json", spec.Entry)
	// A crash at start fails at once, with hotswap's stderr, instead of after the ready timeout.
	s.waitStarted()
	port, next := s.port(0)
	if got := get(t, port); got != spec.Response {
		t.Fatalf("first response = %q, want %q", got, spec.Response)
	}
	if spec.Output != "" {
		s.waitLine(next, spec.Output)
	}
	for _, e := range spec.Edits {
		got, ok := predicted[e.File]
		if !ok {
			got = "none"
		}
		if got != e.Check {
			t.Errorf("hotswap check predicts %q for %s, the spec says %q", got, e.File, e.Check)
		}
		from := s.eventCount()
		starts := s.countKind(driver.KindStart)
		path := filepath.Join(dir, filepath.FromSlash(e.File))
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Replace) != 2 || !strings.Contains(string(text), e.Replace[0]) {
			t.Fatalf("%s: cannot replace %q", e.File, e.Replace)
		}
		edit(t, path, strings.Replace(string(text), e.Replace[0], e.Replace[1], 1))
		switch e.Effect {
		case "hot":
			update, _ := s.waitEvent(from, driver.KindUpdate, nil)
			if update.Update.Type != protocol.ResultSuccess || len(update.Update.Reevaluated)+len(update.Update.Loaded) == 0 {
				t.Fatalf("%s: update = %+v, want a hot update", e.File, update.Update)
			}
			if n := s.countKind(driver.KindStart); n != starts {
				t.Fatalf("%s: a hot edit started another process", e.File)
			}
			if e.Listens {
				port, next = s.port(next)
			}
		case "restart":
			restart, _ := s.waitEvent(from, driver.KindRestart, nil)
			// The runtime's `[hot]` line says why, the restart event what it restarted for.
			explanation := strings.Join(append(s.logsSince(from), restart.Restart.Message, strings.Join(restart.Restart.Chain, " -> ")), " | ")
			if restart.Restart.Reason == "" || strings.TrimSpace(explanation) == "" {
				t.Fatalf("%s: restart without a reason: %+v", e.File, restart.Restart)
			}
			if !strings.Contains(explanation, e.Message) {
				t.Fatalf("%s: restart explained as %q, want it to mention %q", e.File, explanation, e.Message)
			}
			t.Logf("%s: restart (%s): %s", e.File, restart.Restart.Reason, explanation)
			port, next = s.port(next)
		default:
			t.Fatalf("%s: unknown effect %q", e.File, e.Effect)
		}
		if got := get(t, port); got != e.Response {
			t.Fatalf("after editing %s: response = %q, want %q", e.File, got, e.Response)
		}
	}
	if code := s.stop(); code != 0 {
		t.Errorf("hotswap exited with %d", code)
	}
	// Worker threads (pino's transport) get no runtime of their own, so no driver warning.
	if strings.Contains(s.stderr.String(), "Cannot connect to the driver") {
		t.Errorf("a warning about the driver:\n%s", s.stderr.String())
	}
}

// checkVerdicts runs `hotswap check --json` on dir and returns each module's verdict by its
// slash-separated path relative to dir.
func checkVerdicts(t *testing.T, dir, entry string) map[string]string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	runCheck([]string{"--json", "--entry", entry, dir}, &stdout, &stderr)
	var report checkReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("hotswap check --json: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	verdicts := map[string]string{}
	for _, v := range report.Verdicts {
		path := v.Path
		if filepath.IsAbs(path) {
			if rel, err := filepath.Rel(dir, path); err == nil {
				path = rel
			}
		}
		kind := string(v.Kind)
		if kind == "not-in-graph" {
			kind = "none"
		}
		verdicts[filepath.ToSlash(path)] = kind
	}
	return verdicts
}

// logsSince returns the messages of the log events from index from on.
func (s *session) logsSince(from int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var messages []string
	for _, e := range s.events[from:] {
		if e.Kind == driver.KindLog && e.Log != nil {
			messages = append(messages, e.Log.Message)
		}
	}
	return messages
}

// waitStarted waits for the app's first ready event and fails on a crash before it.
func (s *session) waitStarted() {
	s.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		s.mu.Lock()
		for _, e := range s.events {
			switch e.Kind {
			case driver.KindReady:
				s.mu.Unlock()
				return
			case driver.KindCrash:
				s.mu.Unlock()
				s.t.Fatalf("the app crashed at start:\n%s", s.stderr.String())
			}
		}
		s.mu.Unlock()
		select {
		case <-s.added:
		case <-s.done:
			s.t.Fatalf("hotswap ended before the app was ready:\n%s", s.stderr.String())
		case <-deadline:
			s.t.Fatalf("the app was not ready within 30s; events: %s", s.describe())
		}
	}
}

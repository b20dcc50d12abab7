// Package oxctest checks the analyser's resolver against the runtime's (hmr/runtime/resolve.js,
// built on oxc-resolver) by running testdata/analysis/oxc-resolve.mjs under the pinned Node,
// and writes the small projects the analysis tests open. It is for tests only.
package oxctest

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// WriteTree creates files (slash paths relative to dir) with their contents.
func WriteTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// RepoRoot finds the module root (the directory holding go.mod) above the test's directory.
func RepoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// NodeBinary returns the pinned Node: $HOTSWAP_NODE, else what scripts/node.sh lts prints.
func NodeBinary(t *testing.T, root string) string {
	t.Helper()
	if node := os.Getenv("HOTSWAP_NODE"); node != "" {
		return node
	}
	out, err := exec.Command(filepath.Join(root, "scripts", "node.sh"), "lts").Output()
	if err != nil {
		t.Fatalf("scripts/node.sh lts: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// Query is one specifier to resolve from one importing file.
type Query struct{ Importer, Specifier string }

// oxcResolve runs testdata/analysis/oxc-resolve.mjs under the pinned Node on every query and
// returns its answers in the same order, normalised like outcome.
func oxcResolve(t *testing.T, queries []Query) []string {
	t.Helper()
	root := RepoRoot(t)
	script := filepath.Join(root, "testdata", "analysis", "oxc-resolve.mjs")
	var input strings.Builder
	for _, q := range queries {
		line, _ := json.Marshal([]string{q.Importer, q.Specifier})
		input.Write(line)
		input.WriteByte('\n')
	}
	cmd := exec.Command(NodeBinary(t, root), script)
	cmd.Stdin = strings.NewReader(input.String())
	cmd.Stderr = os.Stderr
	var out []byte
	var err error
	finished := make(chan struct{})
	go func() { out, err = cmd.Output(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(30 * time.Second):
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
		<-finished
		t.Fatalf("%s took over 30 s", script)
	}
	if err != nil {
		t.Fatalf("running %s: %v", script, err)
	}
	var answers []string
	scanner := bufio.NewScanner(strings.NewReader(string(out)))
	for scanner.Scan() {
		var a struct{ Path, Builtin, Error string }
		if err := json.Unmarshal(scanner.Bytes(), &a); err != nil {
			t.Fatalf("oxc-resolve.mjs printed %q: %v", scanner.Text(), err)
		}
		switch {
		case a.Builtin != "":
			answers = append(answers, "builtin "+strings.TrimPrefix(a.Builtin, "node:"))
		case a.Error != "":
			answers = append(answers, "error")
		default:
			answers = append(answers, "file "+a.Path)
		}
	}
	if len(answers) != len(queries) {
		t.Fatalf("oxc-resolve.mjs answered %d of %d queries", len(answers), len(queries))
	}
	return answers
}

// Outcome normalises an esbuild answer the way oxcResolve does: a builtin, an error, or the
// file reached (whether the runtime loads that file itself is the analysis's business, and is
// checked by the fixture verdicts).
func Outcome(res resolve.Result) string {
	switch {
	case res.Err != nil:
		return "error"
	case res.External && !filepath.IsAbs(res.Path):
		return "builtin " + strings.TrimPrefix(res.Path, "node:")
	}
	return "file " + res.Path
}

// CompareWithOxc resolves every query with r and with oxc-resolver and fails on each
// disagreement.
func CompareWithOxc(t *testing.T, r *resolve.Resolver, queries []Query) {
	t.Helper()
	want := oxcResolve(t, queries)
	for i, q := range queries {
		got := Outcome(r.Resolve(q.Importer, q.Specifier))
		t.Logf("%-16s %s", q.Specifier, got)
		if got != want[i] {
			t.Errorf("%s imports %q: esbuild says %q, oxc-resolver says %q", q.Importer, q.Specifier, got, want[i])
		}
	}
}

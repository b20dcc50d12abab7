package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of hotswap check and graph")

// runGolden runs a subcommand on dir and compares its exit code, stdout and stderr with
// testdata/analysis/<golden>, with dir replaced by <dir> so the files do not depend on where
// the repository is.
func runGolden(t *testing.T, run func([]string, *bytes.Buffer, *bytes.Buffer) int, args []string, dir, golden string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	abs, _ := filepath.Abs(dir)
	got := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout.String(), stderr.String())
	got = strings.ReplaceAll(got, abs, "<dir>")
	got = strings.ReplaceAll(got, filepath.ToSlash(dir), "<dir>")
	path := filepath.Join("..", "..", "testdata", "analysis", filepath.FromSlash(golden))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/hotswap -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./cmd/hotswap -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func checkRunner(args []string, stdout, stderr *bytes.Buffer) int {
	return runCheck(args, stdout, stderr)
}
func graphRunner(args []string, stdout, stderr *bytes.Buffer) int {
	return runGraph(args, stdout, stderr)
}

// verdictCases lists testdata/verdicts/<case> directories.
func verdictCases(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "verdicts", "*", "verdicts.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture cases: %v", err)
	}
	var dirs []string
	for _, f := range files {
		dirs = append(dirs, filepath.Dir(f))
	}
	return dirs
}

func TestCheckGolden(t *testing.T) {
	for _, dir := range verdictCases(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			runGolden(t, checkRunner, []string{dir}, dir, "check/"+name+".golden")
		})
	}
}

func TestCheckJSONListsEveryVerdict(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "decline")
	var stdout, stderr bytes.Buffer
	if code := runCheck([]string{dir, "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var report checkReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, stdout.String())
	}
	if len(report.Verdicts) != 4 || len(report.Entries) != 1 || report.Entries[0].Path != "main.js" {
		t.Fatalf("report: %+v", report)
	}
	codes := map[string]bool{}
	for _, f := range report.Findings {
		codes[string(f.Code)] = true
	}
	if !codes["hotswap/declined"] || !codes["hotswap/restart-required"] {
		t.Fatalf("findings lack declined/restart-required: %+v", report.Findings)
	}
}

func TestCheckExplicitEntry(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "accept-specifier")
	var stdout, stderr bytes.Buffer
	code := runCheck([]string{"--entry", "app.js", dir}, &stdout, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "entry: app.js (--entry)") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "util.js:1:1: restart: edits here restart the app: util.js -> app.js") {
		t.Fatalf("with app.js as the entry, util.js should restart through it:\n%s", stdout.String())
	}
}

func TestCheckUsageErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runCheck([]string{"--no-such-flag"}, &stdout, &stderr); code != 2 {
		t.Fatalf("unknown flag: exit %d", code)
	}
	if code := runCheck([]string{"a", "b"}, &stdout, &stderr); code != 2 {
		t.Fatalf("two directories: exit %d", code)
	}
	if code := dispatch([]string{"check", filepath.Join(t.TempDir(), "nope")}); code != 1 {
		t.Fatalf("a missing directory: exit %d, want 1", code)
	}
}

func TestCheckFindingsGoldenExitsOne(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "analysis", "findings")
	runGolden(t, checkRunner, []string{dir}, dir, "check/findings.golden")
	var stdout, stderr bytes.Buffer
	if code := runCheck([]string{dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("a project with error findings: exit %d, want 1", code)
	}
}

// TestCheckReachGolden: files loaded by @fastify/autoload are named by no import, so check
// counts them as not reached and says which import loads what it cannot see.
func TestCheckReachGolden(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"type": "module", "scripts": {"dev": "node --import hotswap/register src/server.js"}}`,
		"node_modules/@fastify/autoload/package.json": `{"name": "@fastify/autoload", "type": "module", "main": "index.js"}`,
		"node_modules/@fastify/autoload/index.js":     "export default async function autoload() {}\n",
		"src/server.js": "import autoload from \"@fastify/autoload\";\nimport { greet } from \"./greet.js\";\n\n" +
			"export const routes = autoload({ dir: new URL(\"./routes\", import.meta.url).pathname });\nconsole.log(greet());\n",
		"src/greet.js":           "export const greet = () => \"hi\";\nimport.meta.hot?.accept();\n",
		"src/routes/users.js":    "export default async function users() {}\n",
		"src/routes/health.ts":   "export default async function health(): Promise<void> {}\n",
		"src/plugins/db.mjs":     "export const db = {};\n",
		"src/plugins/legacy.cjs": "module.exports = {};\n",
		"src/types.d.ts":         "export type Id = string;\n",
		"test/server.test.js":    "import \"../src/server.js\";\n",
		"dist/server.js":         "export {};\n",
		".tools/gen.js":          "export {};\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runGolden(t, checkRunner, []string{dir}, dir, "check/reach.golden")

	var stdout, stderr bytes.Buffer
	runCheck([]string{dir, "--json"}, &stdout, &stderr)
	var report checkReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout.String())
	}
	if len(report.Reach.Unreached) != 4 || len(report.Reach.Loaders) != 1 || report.Reach.Loaders[0].What != "@fastify/autoload" {
		t.Fatalf("reach: %+v", report.Reach)
	}
}

package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// writeApp writes files (relative path -> text) into a new project directory.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["package.json"] = `{"type":"module"}`
	for name, text := range files {
		edit(t, filepath.Join(dir, name), text)
	}
	return dir
}

// A restart and a stop run the dispose handlers, then the app's own SIGTERM listener, which
// ends the app.
func TestRunStopRunsDisposeThenTheAppsSignalHandler(t *testing.T) {
	dir := writeApp(t, map[string]string{
		".env": "A=1\n",
		"main.js": `import { appendFileSync } from "node:fs";
const log = (line) => appendFileSync(new URL("./order.log", import.meta.url), line + "\n");
setInterval(() => {}, 1000);
import.meta.hot?.dispose(() => log("dispose"));
process.on("SIGTERM", () => { log("app SIGTERM"); process.exit(0); });
console.log("started");
`,
	})
	s := startCLI(t, dir, nil, "--json", "main.js")
	_, next := s.waitLine(0, "started")
	edit(t, filepath.Join(dir, ".env"), "A=2\n")
	s.waitLine(next, "started")
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code %d\n%s", code, s.describe())
	}
	got, _ := os.ReadFile(filepath.Join(dir, "order.log"))
	if string(got) != "dispose\napp SIGTERM\ndispose\napp SIGTERM\n" {
		t.Fatalf("order.log = %q", got)
	}
	if len(s.interleaved) != 0 {
		t.Fatalf("app output mixed into the JSON stream: %q", s.interleaved)
	}
}

// An app whose signal listener does not end it is killed after --shutdown-timeout, and the
// exit event says so.
func TestRunKillsAnAppThatDoesNotExitAfterShutdownTimeout(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"main.js": `setInterval(() => {}, 1000);
process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
console.log("started");
`,
	})
	s := startCLI(t, dir, nil, "--json", "--shutdown-timeout", "1s", "main.js")
	s.waitLine(0, "started")
	s.stop()
	exit, _ := s.waitEvent(0, driver.KindExit, nil)
	if !exit.Exit.Killed || exit.Exit.Signal != "SIGKILL" {
		t.Fatalf("exit = %+v", exit.Exit)
	}
	line := (&driver.Describer{}).Describe(exit)
	if !strings.Contains(line, "killed") || !strings.Contains(line, "--shutdown-timeout") {
		t.Fatalf("describe = %q", line)
	}
	s.waitLine(0, "ignoring SIGTERM")
}

// .env restarts the app with a reason naming it; a file the app writes itself, and the
// --json output inside the project, cause no events at all.
func TestRunEnvRestartsAndOtherFilesAreIgnored(t *testing.T) {
	dir := writeApp(t, map[string]string{
		".env": "A=1\n",
		"main.js": `import { appendFileSync } from "node:fs";
setInterval(() => appendFileSync(new URL("./app.log", import.meta.url), "tick\n"), 50);
console.log("started");
`,
	})
	s := startCLI(t, dir, nil, "--json", "main.js")
	_, next := s.waitLine(0, "started")
	time.Sleep(time.Second)
	if n := s.countKind(driver.KindUpdate) + s.countKind(driver.KindRestart); n != 0 {
		t.Fatalf("the app's own log caused %d events: %s", n, s.describe())
	}
	edit(t, filepath.Join(dir, ".env"), "A=2\n")
	restart, _ := s.waitEvent(0, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonFileChanged || restart.Restart.Message != ".env changed" {
		t.Fatalf("restart = %+v", restart.Restart)
	}
	s.waitLine(next, "started")
	s.stop()

	// --json into a file of the watched project: no loop.
	events := filepath.Join(dir, "events.jsonl")
	s = startCLI(t, dir, nil, "--json="+events, "main.js")
	time.Sleep(1500 * time.Millisecond)
	first, _ := os.ReadFile(events)
	time.Sleep(1000 * time.Millisecond)
	second, _ := os.ReadFile(events)
	if len(first) == 0 || len(second) != len(first) {
		t.Fatalf("events file grew from %d to %d bytes:\n%s", len(first), len(second), second)
	}
	s.stop()
}

// A dispose handler that never settles is reported with its place and the app restarts with
// that reason; the next save is a hot update again.
func TestRunRestartsAfterAHandlerTimeout(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"main.js": "import { v } from \"./dep.js\";\nimport.meta.hot?.accept(\"./dep.js\");\nsetInterval(() => {}, 1000);\nconsole.log(\"started\");\n",
		"dep.js":  "export const v = 1;\nimport.meta.hot?.dispose(() => new Promise(() => {}));\n",
	})
	s := startCLI(t, dir, nil, "--json", "--handler-timeout", "500ms", "--shutdown-timeout", "1s", "main.js")
	_, next := s.waitLine(0, "started")
	edit(t, filepath.Join(dir, "dep.js"), "export const v = 2;\n")
	restart, after := s.waitEvent(0, driver.KindRestart, nil)
	r := restart.Restart
	if r.Reason != protocol.ReasonHandlerTimeout || r.Error == nil || filepath.Base(r.Error.File) != "dep.js" || r.Error.Line != 2 {
		t.Fatalf("restart = %+v error = %+v", r, r.Error)
	}
	s.waitLine(next, "started")
	edit(t, filepath.Join(dir, "dep.js"), "export const v = 3;\n")
	update, _ := s.waitEvent(after, driver.KindUpdate, nil)
	if update.Update.Type != protocol.ResultSuccess {
		t.Fatalf("update after the restart = %+v", update.Update)
	}
	s.stop()
}

// A change that needs a restart but does not compile leaves the old process serving; the
// error is reported once with its place, and the next save that compiles restarts.
func TestRunNeverRestartsIntoABrokenVersion(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"main.js":   "import { name } from \"./config.js\";\nsetInterval(() => {}, 1000);\nconsole.log(\"started\", name);\n",
		"config.js": "export const name = \"one\";\n",
	})
	s := startCLI(t, dir, nil, "--json", "main.js")
	s.waitLine(0, "started one")
	edit(t, filepath.Join(dir, "config.js"), "export const name = (\"two\";\n")
	update, after := s.waitEvent(0, driver.KindUpdate, nil)
	if update.Update.Type != protocol.ResultSyntaxError || update.Update.Error.Line != 1 || update.Update.Error.Column == 0 {
		t.Fatalf("update = %+v", update.Update)
	}
	// Files the app writes, and an unrelated source file, do not repeat the error.
	for i := range 5 {
		edit(t, filepath.Join(dir, "app.log"), strings.Repeat("line\n", i+1))
		time.Sleep(50 * time.Millisecond)
	}
	edit(t, filepath.Join(dir, "unrelated.js"), "export {};\n")
	time.Sleep(500 * time.Millisecond)
	said := 0
	for _, e := range s.snapshot() {
		if e.Kind == driver.KindLog && strings.Contains(e.Log.Message, "Syntax error at") {
			said++
		}
	}
	if said != 1 {
		t.Fatalf("the syntax error was told %d times: %s", said, s.describe())
	}
	edit(t, filepath.Join(dir, "config.js"), "import \"./missing.js\";\nexport const name = \"two\";\n")
	update, after = s.waitEvent(after, driver.KindUpdate, func(e driver.Event) bool { return e.Update.Type != protocol.ResultSyntaxError })
	if update.Update.Type != protocol.ResultLinkError {
		t.Fatalf("update = %+v", update.Update)
	}
	if n := s.countKind(driver.KindRestart); n != 0 {
		t.Fatalf("restarted into a broken version: %s", s.describe())
	}
	edit(t, filepath.Join(dir, "config.js"), "export const name = \"three\";\n")
	s.waitEvent(after, driver.KindRestart, nil)
	s.waitLine(0, "started three")
	s.stop()
}

// A run removes the socket directories that runs killed with -9 left behind.
func TestRunRemovesSocketsOfDeadRuns(t *testing.T) {
	stale := filepath.Join(os.TempDir(), "hotswap-999999999-stale")
	if err := os.MkdirAll(stale, 0o700); err != nil {
		t.Fatal(err)
	}
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(stale, "app-1.sock"), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	l.SetUnlinkOnClose(false)
	_ = l.Close()
	dir := writeApp(t, map[string]string{"main.js": "setInterval(() => {}, 1000);\nconsole.log(\"started\");\n"})
	s := startCLI(t, dir, nil, "--json", "main.js")
	s.waitLine(0, "started")
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("%s is still there (%v)", stale, err)
	}
	s.stop()
}

// The embedded example (hotswap run with no entry) answers every request under load while
// greeting.js is edited, breaks (rollback) and is fixed.
func TestRunExampleAnswersThroughUpdatesAndRollbacks(t *testing.T) {
	port := freePort(t)
	s := startCLI(t, t.TempDir(), []string{"PORT=" + port}, "--json")
	s.waitLine(0, "example: listening on")
	prefix := "[hotswap] no entry given: running the example app in "
	var dir string
	for _, line := range strings.Split(s.stderr.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			dir = rest
		}
	}
	if dir == "" {
		t.Fatalf("no example folder in:\n%s", s.stderr.String())
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (string, error) {
		resp, err := client.Get("http://127.0.0.1:" + port + "/")
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return string(body), err
	}
	var answered, failed atomic.Int64
	done := make(chan struct{})
	var load sync.WaitGroup
	for range 3 {
		load.Add(1)
		go func() {
			defer load.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := get(); err != nil {
					failed.Add(1)
				} else {
					answered.Add(1)
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if body, err := get(); err == nil && strings.HasPrefix(body, text) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%q never answered\n%s", text, s.describe())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	greeting := filepath.Join(dir, "greeting.js")
	after := s.eventCount()
	for i := 1; i <= 5; i++ {
		edit(t, greeting, fmt.Sprintf("export function greeting() {\n  return \"hello %d\";\n}\n", i))
		waitFor(fmt.Sprintf("hello %d\n", i))
		if i == 3 {
			edit(t, greeting, "export function greeting() {\n  return \"broken\";\n}\nthrow new Error(\"broken greeting\");\n")
			_, after = s.waitEvent(after, driver.KindUpdate, func(e driver.Event) bool { return e.Update.Type == protocol.ResultEvaluationError })
			waitFor("hello 3\n")
		}
	}
	close(done)
	load.Wait()
	if failed.Load() > 0 || answered.Load() == 0 {
		t.Fatalf("answered %d, failed %d", answered.Load(), failed.Load())
	}
	if n := s.countKind(driver.KindRestart); n != 0 {
		t.Fatalf("%d restarts: %s", n, s.describe())
	}
	s.stop()
}

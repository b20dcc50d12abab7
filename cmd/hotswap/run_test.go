package main

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/protocol"
)

func TestRunAppliesAHotEdit(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, nil, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	port, _ := s.port(0)
	if got := get(t, port); got != "reply v0" {
		t.Fatalf("before the edit: %q", got)
	}
	e := editAppHot(t, s, port, filepath.Join(app, "app.js"), filepath.Join(app, "app.js"))
	if n := s.countKind(driver.KindStart); n != 1 || e.PID != ready.PID {
		t.Fatalf("a hot edit started %d processes (pid %d -> %d)", n, ready.PID, e.PID)
	}
}

// TestRunAppliesAHotEditThroughASymlinkedFolder starts the app from a shell standing in a
// symbolic link to the project: node runs the real path, so the watcher must report that one
// too (on Windows the same holds for a drive letter typed in the other case).
func TestRunAppliesAHotEditThroughASymlinkedFolder(t *testing.T) {
	app := fixtureApp(t, "server")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(app, link); err != nil {
		t.Fatal(err)
	}
	s := startCLI(t, link, []string{"PWD=" + link}, "--json", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	port, _ := s.port(0)
	editAppHot(t, s, port, filepath.Join(link, "app.js"), filepath.Join(app, "app.js"))
}

// editAppHot writes "reply v1" into the fixture's app.js at path and checks that a successful
// update re-evaluated reevaluated (the path node knows it by) and that the server answers anew.
func editAppHot(t *testing.T, s *session, port string, path, reevaluated string) driver.Event {
	t.Helper()
	from := s.eventCount()
	edit(t, path, appSource("reply v1"))
	e, _ := s.waitEvent(from, driver.KindUpdate, nil)
	if e.Update.Type != protocol.ResultSuccess || !slices.Contains(e.Update.Reevaluated, reevaluated) {
		t.Fatalf("update = %+v", e.Update)
	}
	if got := get(t, port); got != "reply v1" {
		t.Fatalf("after the edit: %q", got)
	}
	return e
}

func TestRunRestartsOnAnUnacceptedEditAndPrintsTheChain(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, nil, "main.js")
	port, next := s.port(0)
	edit(t, filepath.Join(app, "config.js"), "export const config = { name: \"config v1\" };\n")
	line := waitStderr(t, s, "[hotswap] restarted in ")
	if !strings.Contains(line, "config.js -> main.js (entry)") || !strings.Contains(line, "ms: ") {
		t.Fatalf("restart line = %q", line)
	}
	newPort, _ := s.port(next)
	if got := s.lineContaining("config v1"); got == "" {
		t.Fatalf("the new process did not load the edited config (port %s -> %s)", port, newPort)
	}
	if got := get(t, newPort); got != "reply v0" {
		t.Fatalf("after the restart: %q", got)
	}
}

func TestRunWaitsForAFixAfterACrash(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, nil, "--json", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	config := filepath.Join(app, "config.js")
	edit(t, config, "throw new Error(\"config is broken\");\nexport const config = {};\n")
	crash, after := s.waitEvent(0, driver.KindCrash, nil)
	if crash.Exit.Code == 0 || !crash.Exit.BeforeReady {
		t.Fatalf("crash = %+v", crash.Exit)
	}
	if !strings.Contains(s.stderr.String(), "config is broken") {
		t.Fatalf("the app's error was not passed through:\n%s", s.stderr.String())
	}
	// No crash loop: nothing starts until a file changes.
	starts := s.countKind(driver.KindStart)
	time.Sleep(500 * time.Millisecond)
	if s.countKind(driver.KindStart) != starts {
		t.Fatalf("the app was restarted without a change: %s", s.describe())
	}
	edit(t, config, "export const config = { name: \"fixed\" };\n")
	restart, _ := s.waitEvent(after, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonCrashed || !restart.Restart.Ready {
		t.Fatalf("restart = %+v", restart.Restart)
	}
	s.waitLine(0, "(fixed)")
}

func TestRunKeepsTheOldCodeOnASyntaxError(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, nil, "--json", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	port, _ := s.port(0)
	from := s.eventCount()
	appFile := filepath.Join(app, "app.js")
	edit(t, appFile, "export function handle(request, response) {\n  response.end(\"broken\"\n}\n")
	e, next := s.waitEvent(from, driver.KindUpdate, nil)
	if e.Update.Type != protocol.ResultSyntaxError || e.Update.Error == nil || e.Update.Error.File != appFile || e.Update.Error.Line == 0 {
		t.Fatalf("update = %+v (error %+v)", e.Update, e.Update.Error)
	}
	if got := get(t, port); got != "reply v0" {
		t.Fatalf("while the file is broken: %q", got)
	}
	edit(t, appFile, appSource("reply fixed"))
	if e, _ := s.waitEvent(next, driver.KindUpdate, nil); e.Update.Type != protocol.ResultSuccess {
		t.Fatalf("after the fix: %+v", e.Update)
	}
	if got := get(t, port); got != "reply fixed" {
		t.Fatalf("after the fix: %q", got)
	}
	if s.countKind(driver.KindRestart) != 0 {
		t.Fatalf("a syntax error restarted the app: %s", s.describe())
	}
}

func TestRunSIGTERMRunsDisposeHandlers(t *testing.T) {
	app := fixtureApp(t, "server")
	marker := filepath.Join(t.TempDir(), "disposed")
	s := startCLI(t, app, []string{"DISPOSE_MARKER=" + marker}, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code %d, want the app's 0", code)
	}
	data, err := os.ReadFile(marker)
	if err != nil {
		t.Fatalf("dispose handler did not run: %v", err)
	}
	if want := "disposed " + strconv.Itoa(ready.Ready.PID); strings.TrimSpace(string(data)) != want {
		t.Fatalf("marker = %q, want %q", data, want)
	}
}

// waitStderr waits for a stderr line containing text and returns it.
func waitStderr(t *testing.T, s *session, text string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(s.stderr.String(), "\n") {
			if strings.Contains(line, text) {
				return line
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no stderr line with %q within 20s", text)
	return ""
}

// lineContaining returns the first app stdout line containing text, or "".
func (s *session) lineContaining(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, line := range s.lines {
		if strings.Contains(line, text) {
			return line
		}
	}
	return ""
}

func TestRunSecondSignalKillsAHangingApp(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, []string{"HANG_DISPOSE=1"}, "--json", "--shutdown-timeout", "30s", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	began := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// A relayed copy of the first signal is not a second Ctrl-C.
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	time.Sleep(relayedSignalWindow + 200*time.Millisecond)
	select {
	case <-s.done:
		t.Fatalf("hotswap ended after one (relayed) signal:\n%s", s.stderr.String())
	default:
	}
	if strings.Contains(s.stderr.String(), "killing") {
		t.Fatalf("a relayed signal killed the app:\n%s", s.stderr.String())
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := s.wait(10 * time.Second)
	if code != 128+int(syscall.SIGKILL) || time.Since(began) > 10*time.Second {
		t.Fatalf("exit code %d after %v, want %d well before the 30s timeout", code, time.Since(began), 128+int(syscall.SIGKILL))
	}
	waitStderr(t, s, "[hotswap] killing the app")
}

func TestRunCrashWhileServingWaitsForATouch(t *testing.T) {
	app := fixtureApp(t, "server")
	s := startCLI(t, app, nil, "--json", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	port, next := s.port(0)
	client := http.Client{Timeout: 5 * time.Second}
	if resp, err := client.Get("http://127.0.0.1:" + port + "/crash"); err == nil {
		resp.Body.Close()
	}
	crash, after := s.waitEvent(0, driver.KindCrash, nil)
	if crash.Exit.Code == 0 || crash.Exit.BeforeReady {
		t.Fatalf("crash = %+v", crash.Exit)
	}
	waitStderr(t, s, "crashed on request")
	time.Sleep(300 * time.Millisecond)
	if n := s.countKind(driver.KindStart); n != 1 {
		t.Fatalf("restarted without a change: %s", s.describe())
	}
	// A bare touch (only the modification time changes) counts as a change.
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(filepath.Join(app, "app.js"), later, later); err != nil {
		t.Fatal(err)
	}
	restart, _ := s.waitEvent(after, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonCrashed || !slices.Contains(restart.Restart.Paths, filepath.Join(app, "app.js")) {
		t.Fatalf("restart = %+v", restart.Restart)
	}
	newPort, _ := s.port(next)
	if got := get(t, newPort); got != "reply v0" {
		t.Fatalf("after the restart: %q", got)
	}
}

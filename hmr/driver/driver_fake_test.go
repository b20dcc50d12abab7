package driver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// These tests drive a stand-in runtime (testdata/driver/fake-runtime) to pin the driver's
// own process handling; run_test.go in cmd/hotswap covers the real runtime end to end.

func fakeOptions(t *testing.T) (Options, string) {
	app := copyApp(t, "fake-server")
	return Options{
		Runtime: filepath.Join(repoRoot(t), "testdata", "driver", "fake-runtime", "register.js"),
		Entry:   filepath.Join(app, "main.js"),
		Dir:     app,
	}, app
}

func TestSocketIsPrivateAndNamedInTheEnvironment(t *testing.T) {
	opts, _ := fakeOptions(t)
	d, rec := startDriver(t, opts)
	ready, _ := rec.waitFor(t, 0, KindReady, nil)
	if ready.Ready.PID != d.PID() {
		t.Fatalf("ready pid %d, running pid %d", ready.Ready.PID, d.PID())
	}
	info, err := os.Stat(d.socketDir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("socket directory %s: mode %v, %v", d.socketDir, info.Mode().Perm(), err)
	}
	socket, err := os.Stat(filepath.Join(d.socketDir, "app-1.sock"))
	if err != nil || socket.Mode().Perm() != 0o600 || socket.Mode().Type() != os.ModeSocket {
		t.Fatalf("socket mode %v, %v", socket.Mode(), err)
	}
}

func TestPushSuccessIsAnUpdateEvent(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	pid := d.PID()
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "export const value = 2;\n")
	result, err := d.Push(context.Background(), []string{dep})
	if err != nil || result == nil || result.Type != protocol.ResultSuccess {
		t.Fatalf("Push = %+v, %v", result, err)
	}
	e, _ := rec.waitFor(t, 0, KindUpdate, nil)
	if !slices.Equal(e.Update.Paths, []string{dep}) || d.PID() != pid {
		t.Fatalf("update %+v, pid %d -> %d", e.Update, pid, d.PID())
	}
	rec.waitFor(t, 0, KindLog, nil)
}

// A result's graph becomes a graph event after the update event, which goes without it; a
// graph older than one already reported (a notification can overtake the result) is dropped.
func TestResultGraphIsAGraphEventNeverOlder(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "// fake:stale-graph\n")
	result, err := d.Push(context.Background(), []string{dep})
	if err != nil || result == nil || result.GraphVersion != 2 || result.Graph == nil {
		t.Fatalf("Push = %+v, %v", result, err)
	}
	rec.waitFor(t, 0, KindUpdate, func(e Event) bool { return len(e.Update.Paths) == 1 })
	rec.waitFor(t, 0, KindGraph, func(e Event) bool { return e.Graph.Modules[0].Path == "/newer.js" })
	time.Sleep(200 * time.Millisecond)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var graphs []string
	for _, e := range rec.events {
		if e.Update != nil && e.Update.Graph != nil {
			t.Errorf("an update event carries the graph: %+v", e.Update)
		}
		if e.Kind == KindGraph {
			graphs = append(graphs, e.Graph.Modules[0].Path)
		}
	}
	if graphs[len(graphs)-1] != "/newer.js" {
		t.Errorf("graph events %v: an older graph followed the newer one", graphs)
	}
}

func TestUnacceptedResultRestartsWithTheChain(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	pid := d.PID()
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "// fake:unaccepted\n")
	result, err := d.Push(context.Background(), []string{dep})
	if err != nil || result.Type != protocol.ResultUnaccepted {
		t.Fatalf("Push = %+v, %v", result, err)
	}
	e, _ := rec.waitFor(t, 0, KindRestart, nil)
	if e.Restart.Reason != protocol.ResultUnaccepted || !slices.Equal(e.Restart.Chain, []string{dep, opts.Entry}) {
		t.Fatalf("restart = %+v", e.Restart)
	}
	if !e.Restart.Ready || e.Restart.DurationMs <= 0 || d.PID() == pid || d.PID() == 0 {
		t.Fatalf("restart %+v: pid %d -> %d", e.Restart, pid, d.PID())
	}
	if n := rec.count(KindReady); n != 2 {
		t.Fatalf("%d ready events, want 2: %s", n, rec.describe())
	}
}

func TestRestartNotificationAndResultRestartOnce(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "// fake:restart-notification\n")
	if _, err := d.Push(context.Background(), []string{dep}); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, KindRestart, nil)
	// The notification's restart is dropped: its process is no longer current. A later
	// change proves the driver is idle and still serving.
	writeFile(t, dep, "export const value = 3;\n")
	if r, err := d.Push(context.Background(), []string{dep}); err != nil || r.Type != protocol.ResultSuccess {
		t.Fatalf("Push after restart = %+v, %v", r, err)
	}
	if n := rec.count(KindRestart); n != 1 {
		t.Fatalf("%d restarts, want 1: %s", n, rec.describe())
	}
}

func TestCrashAtStartWaitsForAChange(t *testing.T) {
	opts, app := fakeOptions(t)
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "throw new Error('broken dep');\n")
	d, rec := startDriver(t, opts)
	crash, _ := rec.waitFor(t, 0, KindCrash, nil)
	if crash.Exit.Code == 0 || !crash.Exit.BeforeReady {
		t.Fatalf("crash = %+v", crash.Exit)
	}
	if d.PID() != 0 || rec.count(KindStart) != 1 {
		t.Fatalf("after a crash the driver restarted by itself: %s", rec.describe())
	}
	writeFile(t, dep, "export const value = 4;\n")
	if _, err := d.Push(context.Background(), []string{dep}); err != nil {
		t.Fatal(err)
	}
	e, _ := rec.waitFor(t, 0, KindRestart, nil)
	if e.Restart.Reason != ReasonCrashed || !e.Restart.Ready || d.PID() == 0 {
		t.Fatalf("restart after fix = %+v", e.Restart)
	}
}

func TestStopRunsDisposeAndReturnsTheStatus(t *testing.T) {
	opts, _ := fakeOptions(t)
	marker := filepath.Join(t.TempDir(), "disposed")
	opts.Env = []string{"DISPOSE_MARKER=" + marker}
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	code, err := d.Stop()
	if err != nil || code != 0 {
		t.Fatalf("Stop = %d, %v", code, err)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Fatalf("dispose handler did not run: %v", err)
	}
	if _, err := os.Stat(d.socketDir); !os.IsNotExist(err) {
		t.Fatalf("socket directory left behind: %v", err)
	}
	rec.waitFor(t, 0, KindExit, nil)
}

func TestNewRejectsMissingEntry(t *testing.T) {
	opts, app := fakeOptions(t)
	opts.Node = "node"
	opts.Entry = filepath.Join(app, "missing.js")
	_, err := New(opts)
	if err == nil || !containsAll(err.Error(), opts.Entry, "no such file") {
		t.Fatalf("New = %v, want an error naming %s", err, opts.Entry)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestChangeWithoutARuntimeRestarts(t *testing.T) {
	opts, app := fakeOptions(t)
	// A register.js that never connects, as when the app was started without the runtime.
	opts.Runtime = filepath.Join(t.TempDir(), "register.js")
	writeFile(t, opts.Runtime, "// not a runtime\n")
	opts.ConnectTimeout = 300 * time.Millisecond
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindStart, nil)
	pid := d.PID()
	if _, err := d.Push(context.Background(), []string{filepath.Join(app, "dep.js")}); err != nil {
		t.Fatal(err)
	}
	e, _ := rec.waitFor(t, 0, KindRestart, nil)
	if e.Restart.Reason != ReasonNoChannel || e.Restart.Ready || d.PID() == pid || d.PID() == 0 {
		t.Fatalf("restart = %+v, pid %d -> %d", e.Restart, pid, d.PID())
	}
}

func TestStopDoesNotWaitForAStartThatHangs(t *testing.T) {
	opts, _ := fakeOptions(t)
	opts.Runtime = filepath.Join(t.TempDir(), "register.js")
	writeFile(t, opts.Runtime, "// not a runtime: ready never comes\n")
	opts.Node = nodeBinary(t)
	opts.Stdout = io.Discard
	opts.ConnectTimeout = time.Minute
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rec := record(d)
	started := make(chan error, 1)
	go func() { started <- d.Start(context.Background()) }()
	rec.waitFor(t, 0, KindStart, nil)
	began := time.Now()
	if _, err := d.Stop(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 10*time.Second {
		t.Fatalf("Stop took %v while Start waited for ready", took)
	}
	if err := <-started; err != nil {
		t.Fatalf("Start = %v", err)
	}
	rec.waitFor(t, 0, KindExit, nil)
}

func TestMalformedMessageFromTheRuntimeIsAnErrorEvent(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "// fake:garbage\n")
	if r, err := d.Push(context.Background(), []string{dep}); err != nil || r.Type != protocol.ResultSuccess {
		t.Fatalf("Push = %+v, %v; the connection must survive a malformed line", r, err)
	}
	e, _ := rec.waitFor(t, 0, KindError, nil)
	if !strings.Contains(e.Message, "-32700") || !strings.Contains(e.Message, "this is not json") {
		t.Fatalf("error event = %q", e.Message)
	}
}

func TestConcurrentCallsAreSafe(t *testing.T) {
	opts, app := fakeOptions(t)
	d, rec := startDriver(t, opts)
	rec.waitFor(t, 0, KindReady, nil)
	dep := filepath.Join(app, "dep.js")
	writeFile(t, dep, "export const value = 5;\n")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if r, err := d.Push(context.Background(), []string{dep}); err != nil || r.Type != protocol.ResultSuccess {
					errs <- fmt.Errorf("Push = %+v, %v", r, err)
				}
				_, _ = d.Graph(context.Background())
				_ = d.PID()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := d.Restart(context.Background(), "test"); err != nil {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if starts, restarts := rec.count(KindStart), rec.count(KindRestart); starts != 2 || restarts != 1 {
		t.Fatalf("%d starts and %d restarts, want 2 and 1: %s", starts, restarts, rec.describe())
	}
	if n := rec.count(KindUpdate); n != 20 {
		t.Fatalf("%d update events, want 20", n)
	}
}

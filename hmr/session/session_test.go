package session

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/analysis"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// recorder is the editor in these tests: it keeps every event and counts the changes.
type recorder struct {
	mu          sync.Mutex
	events      []Event
	diagnostics int
	views       int
	logs        []string
	wake        chan struct{}
}

func newRecorder() *recorder { return &recorder{wake: make(chan struct{}, 1)} }

func (r *recorder) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *recorder) Event(f *Folder, e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) DiagnosticsChanged(*Folder) {
	r.mu.Lock()
	r.diagnostics++
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) ViewsChanged(*Folder) {
	r.mu.Lock()
	r.views++
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) Log(level LogLevel, msg string) {
	r.mu.Lock()
	r.logs = append(r.logs, msg)
	r.mu.Unlock()
}

// viewChanges is how often the views were said to change.
func (r *recorder) viewChanges() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.views
}

// mark is the number of events so far.
func (r *recorder) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

// await waits for an event after from that ok accepts, or for cond to hold when ok is nil.
func (r *recorder) await(t *testing.T, from int, what string, ok func(Event) bool) Event {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		r.mu.Lock()
		for _, e := range r.events[from:] {
			if ok(e) {
				r.mu.Unlock()
				return e
			}
		}
		r.mu.Unlock()
		select {
		case <-r.wake:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			r.mu.Lock()
			defer r.mu.Unlock()
			t.Fatalf("no %s event; events: %+v", what, r.events[from:])
		}
	}
}

// waitFor polls cond until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// fixture copies testdata/lsp/<name> into a temporary folder.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "lsp", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pinnedNode is $HOTSWAP_NODE or scripts/node.sh lts: tests never use the machine's node.
func pinnedNode(t *testing.T) string {
	t.Helper()
	if node := os.Getenv("HOTSWAP_NODE"); node != "" {
		return node
	}
	out, err := exec.Command(filepath.Join("..", "..", "scripts", "node.sh"), "lts").Output()
	if err != nil {
		t.Fatalf("no pinned node: set HOTSWAP_NODE or fix scripts/node.sh lts: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// runtimePath is the checkout's runtime.
func runtimePath(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "runtime", "register.js"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// open makes a session with one analysed folder.
func open(t *testing.T, dir string, config Config) (*Session, *Folder, *recorder) {
	t.Helper()
	rec := newRecorder()
	s := New(rec)
	s.SetConfig(config)
	f := s.AddFolder("file://"+dir, dir)
	if _, err := f.Analyse(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.RemoveFolder(f) })
	return s, f, rec
}

// A folder opened through a symbolic link names files by their real path: FileOf turns the
// editor's path into it once, Rel and EditorPath go back, and a path outside every folder has
// no folder.
func TestFileOfIsCanonical(t *testing.T) {
	real := fixture(t, "basic")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	realRoot, _ := filepath.EvalSymlinks(real)
	s, f, _ := open(t, link, DefaultConfig())
	got, path := s.FileOf(filepath.Join(link, "src", "..", "src", "main.ts"))
	if got != f || path != filepath.Join(realRoot, "src", "main.ts") {
		t.Errorf("FileOf under the link: %v %q, want the folder and %q", got == f, path, filepath.Join(realRoot, "src", "main.ts"))
	}
	if f.Rel(path) != "src/main.ts" || f.EditorPath(path) != filepath.Join(link, "src", "main.ts") {
		t.Errorf("Rel %q, EditorPath %q", f.Rel(path), f.EditorPath(path))
	}
	if got, _ := s.FileOf("/elsewhere/main.ts"); got != nil {
		t.Error("a path outside every folder has a folder")
	}
	if s.FolderAt(link+"/") != f {
		t.Error("FolderAt does not find the folder by the editor's path")
	}
}

// Every change goes through DidModifyFiles: an unsaved edit changes the verdict, closing the
// buffer brings back the disk's, and a change on disk is read.
func TestDidModifyFilesIsTheOneFunnel(t *testing.T) {
	dir := fixture(t, "app")
	_, f, _ := open(t, dir, DefaultConfig())
	handler := f.Abs("src/handler.ts")
	if v := f.Verdict(handler); v.Kind != analysis.VerdictHot || v.Summary() != "hot: accepts its own updates (static)" {
		t.Fatalf("handler.ts before edits: %+v", v)
	}
	f.DidModifyFiles([]Modification{{Path: handler, Action: Edit, Text: []byte("export function handle() {}\n")}})
	if v := f.Verdict(handler); v.Kind != analysis.VerdictRestart || strings.Join(v.Chain, " ") != "src/handler.ts src/main.ts" {
		t.Errorf("handler.ts without its accept in the buffer: %+v", v)
	}
	findings := f.Findings(f.Workspace(), handler)
	if len(findings) != 1 || findings[0].Code != analysis.CodeRestartRequired || len(findings[0].Notes) != 1 {
		t.Fatalf("findings of the edited buffer: %+v", findings)
	}
	note := findings[0].Notes[0]
	if note.Path != "src/main.ts" || note.Range.Start.Line != 5 || note.Message != "entry src/main.ts imports src/handler.ts and accepts no update of it" {
		t.Errorf("note of the restart: %+v (main.ts imports handler.ts on line 6)", note)
	}
	f.DidModifyFiles([]Modification{{Path: handler, Action: Close}})
	if v := f.Verdict(handler); v.Kind != analysis.VerdictHot {
		t.Errorf("handler.ts after closing the buffer: %+v", v)
	}
	if err := os.WriteFile(handler, []byte("export function handle() {}\nimport.meta.hot?.decline();\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.DidModifyFiles([]Modification{{Path: handler, Action: OnDisk}})
	if v := f.Verdict(handler); v.Kind != analysis.VerdictRestart || v.Declined != "src/handler.ts" {
		t.Errorf("handler.ts after it declined on disk: %+v", v)
	}
}

// The app's whole life without an editor protocol: start on the pinned node, the live graph
// replaces the static one, a save is pushed and swapped in, a failed update becomes a run
// error at its line and goes away when fixed, stop brings back the static view.
func TestAppLifecycle(t *testing.T) {
	dir := fixture(t, "app")
	config := DefaultConfig()
	config.NodePath, config.Runtime = pinnedNode(t), runtimePath(t)
	_, f, rec := open(t, dir, config)
	handler := f.Abs("src/handler.ts")
	if f.Status().State != StateStopped {
		t.Fatalf("status before start: %+v", f.Status())
	}
	status, err := f.StartApp(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if status.State != StateRunning || status.Entry != "src/main.ts" || status.PID == 0 || status.Folder != "file://"+dir {
		t.Errorf("StartApp answered %+v", status)
	}
	rec.await(t, 0, "live status", func(e Event) bool { return e.Kind == "status" && e.Graph == SourceLive })
	if v := f.Verdict(handler); v.Source != SourceLive || v.Kind != analysis.VerdictHot {
		t.Errorf("handler.ts while running: %+v", v)
	}
	if view := f.GraphView(); view.Source != SourceLive || len(view.Modules) != 3 {
		t.Errorf("graph view while running: %s, %d modules", view.Source, len(view.Modules))
	}
	if _, err := f.StartApp(context.Background()); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("a second start: %v", err)
	}

	from := rec.mark()
	f.DidModifyFiles([]Modification{{Path: handler, Action: Save, Text: []byte("export function handle() {}\nthrow new Error(\"broken on purpose\");\nimport.meta.hot?.accept();\n")}})
	if err := os.WriteFile(handler, []byte("export function handle() {}\nthrow new Error(\"broken on purpose\");\nimport.meta.hot?.accept();\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec.await(t, from, "failed update", func(e Event) bool {
		return e.Kind == "update" && e.Update.Type == hmrprotocol.ResultEvaluationError
	})
	waitFor(t, "the run error", func() bool { return len(f.RunErrors()[handler]) == 1 })
	e := f.RunErrors()[handler][0]
	if e.Line != 1 || e.Code != "hotswap/evaluation-error" || !strings.Contains(e.Message, "broken on purpose") || !strings.HasSuffix(e.Message, "the old code keeps running") {
		t.Errorf("run error: %+v", e)
	}

	from = rec.mark()
	views := rec.viewChanges()
	fixed := []byte("export function handle() {}\nimport.meta.hot?.accept();\n")
	if err := os.WriteFile(handler, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	f.DidModifyFiles([]Modification{{Path: handler, Action: Save, Text: fixed}})
	rec.await(t, from, "successful update", func(e Event) bool { return e.Kind == "update" && e.Update.Type == hmrprotocol.ResultSuccess })
	waitFor(t, "the run error to go", func() bool { return len(f.RunErrors()) == 0 })
	// The update changed a body, not a registration or an edge: no graph follows it and the
	// editor is asked to redraw nothing.
	time.Sleep(200 * time.Millisecond)
	if got := rec.viewChanges(); got != views {
		t.Errorf("a hot update that kept the graph's shape changed the views %d times", got-views)
	}
	rec.mu.Lock()
	for _, e := range rec.events[from:] {
		if e.Kind == "graph" {
			t.Errorf("a hot update that kept the graph's shape sent a graph of %d modules", *e.Modules)
		}
	}
	rec.mu.Unlock()
	// A new import changes the shape: the views follow.
	from = rec.mark()
	if err := os.WriteFile(f.Abs("src/extra.ts"), []byte("export const extra = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	grown := []byte("import './extra.ts';\nexport function handle() {}\nimport.meta.hot?.accept();\n")
	if err := os.WriteFile(handler, grown, 0o644); err != nil {
		t.Fatal(err)
	}
	f.DidModifyFiles([]Modification{{Path: handler, Action: Save, Text: grown}})
	rec.await(t, from, "graph of 4 modules", func(e Event) bool { return e.Kind == "graph" && e.Modules != nil && *e.Modules == 4 })
	waitFor(t, "the views to change", func() bool { return rec.viewChanges() > views })
	if v := f.Verdict(f.Abs("src/extra.ts")); v.Source != SourceLive || v.Kind != analysis.VerdictHot {
		t.Errorf("extra.ts after the app loaded it: %+v", v)
	}

	from = rec.mark()
	if st := f.StopApp(); st.State != StateStopped || st.PID != 0 {
		t.Errorf("StopApp answered %+v", st)
	}
	rec.await(t, from, "static status", func(e Event) bool { return e.Kind == "status" && e.State == StateStopped && e.Graph == SourceStatic })
	if v := f.Verdict(handler); v.Source != SourceStatic {
		t.Errorf("handler.ts after stop: %+v", v)
	}
}

// With OnSave "manual", saves wait for Push, which sends them as one update.
func TestManualPush(t *testing.T) {
	dir := fixture(t, "app")
	config := DefaultConfig()
	config.NodePath, config.Runtime, config.OnSave = pinnedNode(t), runtimePath(t), "manual"
	_, f, rec := open(t, dir, config)
	if _, err := f.Push(context.Background()); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Errorf("Push before start: %v", err)
	}
	if _, err := f.StartApp(context.Background()); err != nil {
		t.Fatal(err)
	}
	handler := f.Abs("src/handler.ts")
	src, _ := os.ReadFile(handler)
	edited := []byte(strings.Replace(string(src), "reply v0", "reply v1", 1))
	if err := os.WriteFile(handler, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	from := rec.mark()
	f.DidModifyFiles([]Modification{{Path: handler, Action: Save, Text: edited}})
	time.Sleep(300 * time.Millisecond)
	rec.mu.Lock()
	for _, e := range rec.events[from:] {
		if e.Kind == "update" {
			t.Errorf("a manual save was pushed: %+v", e)
		}
	}
	rec.mu.Unlock()
	result, err := f.Push(context.Background())
	if err != nil || result == nil || result.Type != hmrprotocol.ResultSuccess || len(result.Paths) != 1 {
		t.Fatalf("Push: %+v, %v", result, err)
	}
	if result, err := f.Push(context.Background()); err != nil || result != nil {
		t.Errorf("a second Push with nothing saved: %+v, %v", result, err)
	}
}

// A node older than the runtime needs is refused before anything runs, naming the node, its
// version, the version needed and the setting that picks another, as `hotswap run` names
// --node.
func TestStartNamesTheNodeFix(t *testing.T) {
	dir := fixture(t, "app")
	oldNode := filepath.Join(t.TempDir(), "node")
	if err := os.WriteFile(oldNode, []byte("#!/bin/sh\necho v20.11.1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	config := DefaultConfig()
	config.NodePath, config.Runtime = oldNode, runtimePath(t)
	_, f, rec := open(t, dir, config)
	_, err := f.StartApp(context.Background())
	if err == nil {
		t.Fatal("the app started on Node 20")
	}
	for _, want := range []string{oldNode, "v20.11.1", "v22.15.0", "hotswap.nodePath"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if f.Status().State != StateStopped || rec.mark() != 0 {
		t.Errorf("a refused start left state %+v and %d events", f.Status(), rec.mark())
	}
	if _, err := os.Stat(filepath.Join(dir, "started.txt")); err == nil {
		t.Error("the app ran")
	}
}

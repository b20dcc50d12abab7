package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// testQuiet is the quiet window of most tests: wider than the default, so that a test
// descheduled mid-save on a busy machine does not see one save as two changes.
// TestCoalescingWindowIsShort checks the default window.
const testQuiet = 40 * time.Millisecond

// start watches a fresh temporary tree holding the given files.
func start(t *testing.T, files ...string) (string, *Watcher) {
	t.Helper()
	return startWith(t, Options{Quiet: testQuiet}, files...)
}

func startWith(t *testing.T, opts Options, files ...string) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		write(t, filepath.Join(root, f), "initial")
	}
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	return root, w
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for the next Change, failing after a generous bound.
func next(t *testing.T, w *Watcher) Change {
	t.Helper()
	select {
	case c := <-w.Changes():
		return c
	case err := <-w.Errors():
		t.Fatalf("watcher error: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported within 5s")
	}
	return Change{}
}

// none checks that nothing is reported for a while.
func none(t *testing.T, w *Watcher, within time.Duration) {
	t.Helper()
	select {
	case c := <-w.Changes():
		t.Fatalf("unexpected change: %v", c.Paths)
	case <-time.After(within):
	}
}

func wantPaths(t *testing.T, c Change, want ...string) {
	t.Helper()
	if !slices.Equal(c.Paths, want) {
		t.Fatalf("paths = %v, want %v", c.Paths, want)
	}
}

func TestPlainWriteIsOneChange(t *testing.T) {
	root, w := start(t, "a.js")
	write(t, filepath.Join(root, "a.js"), "edited")
	c := next(t, w)
	wantPaths(t, c, filepath.Join(root, "a.js"))
	if c.Since.IsZero() || time.Since(c.Since) > 5*time.Second {
		t.Fatalf("Since = %v", c.Since)
	}
	none(t, w, 2*testQuiet)
}

func TestAtomicSaveByRenameIsOneChangeOfTheTarget(t *testing.T) {
	root, w := start(t, "src/a.js")
	target := filepath.Join(root, "src/a.js")
	scratch := filepath.Join(root, "src/.a.js.tmp-1234")
	write(t, scratch, "new text")
	if err := os.Rename(scratch, target); err != nil {
		t.Fatal(err)
	}
	wantPaths(t, next(t, w), target)
	none(t, w, 2*testQuiet)
}

func TestAtomicSaveByUnlinkAndCreateIsOneChange(t *testing.T) {
	root, w := start(t, "a.js")
	target := filepath.Join(root, "a.js")
	if err := os.Remove(target); err != nil {
		t.Fatal(err)
	}
	write(t, target, "recreated")
	wantPaths(t, next(t, w), target)
	none(t, w, 2*testQuiet)
}

func TestEditorScratchFilesAreNoChange(t *testing.T) {
	root, w := start(t, "a.js")
	write(t, filepath.Join(root, ".a.js.swp"), "vim")
	write(t, filepath.Join(root, "a.js~"), "backup")
	write(t, filepath.Join(root, "4913"), "")
	none(t, w, 3*testQuiet)
}

func TestTouchCountsAsAChange(t *testing.T) {
	root, w := start(t, "a.js")
	target := filepath.Join(root, "a.js")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(target, later, later); err != nil {
		t.Fatal(err)
	}
	wantPaths(t, next(t, w), target)
}

func TestNewDirectoriesAreWatched(t *testing.T) {
	root, w := start(t, "a.js")
	// A nested file written right after its directories appeared is reported, and a later
	// edit inside the new directory is seen too.
	nested := filepath.Join(root, "lib/deep/b.js")
	write(t, nested, "fresh")
	wantPaths(t, next(t, w), nested)
	write(t, nested, "edited")
	wantPaths(t, next(t, w), nested)
}

func TestIgnoredDirectoriesAreSkipped(t *testing.T) {
	root, w := start(t, "a.js", "node_modules/dep/index.js", "dist/out.js")
	for _, dir := range []string{"node_modules/dep", "dist", "build", "coverage", ".cache", ".git", "src/node_modules/x"} {
		write(t, filepath.Join(root, dir, "f.js"), "noise")
	}
	write(t, filepath.Join(root, "node_modules/dep/index.js"), "edited")
	none(t, w, 3*testQuiet)
	// The watcher still works for the files that matter.
	write(t, filepath.Join(root, "a.js"), "edited")
	wantPaths(t, next(t, w), filepath.Join(root, "a.js"))
}

func TestBurstIsCoalescedAndSeparateSavesAreNot(t *testing.T) {
	const quiet = testQuiet
	root, w := start(t, "a.js", "b.js", "c.js")
	for range 3 {
		for _, f := range []string{"a.js", "b.js", "c.js"} {
			write(t, filepath.Join(root, f), "burst")
		}
	}
	wantPaths(t, next(t, w), filepath.Join(root, "a.js"), filepath.Join(root, "b.js"), filepath.Join(root, "c.js"))
	none(t, w, 2*quiet)

	// Two saves further apart than the quiet window are two changes.
	write(t, filepath.Join(root, "a.js"), "first")
	first := next(t, w)
	write(t, filepath.Join(root, "b.js"), "second")
	second := next(t, w)
	wantPaths(t, first, filepath.Join(root, "a.js"))
	wantPaths(t, second, filepath.Join(root, "b.js"))
}

func TestSlowReaderGetsMergedChanges(t *testing.T) {
	root, w := start(t, "a.js", "b.js")
	write(t, filepath.Join(root, "a.js"), "one")
	time.Sleep(60 * time.Millisecond)
	write(t, filepath.Join(root, "b.js"), "two")
	time.Sleep(60 * time.Millisecond)
	wantPaths(t, next(t, w), filepath.Join(root, "a.js"), filepath.Join(root, "b.js"))
}

func TestCoalescingWindowIsShort(t *testing.T) {
	root, w := startWith(t, Options{}, "a.js")
	began := time.Now()
	write(t, filepath.Join(root, "a.js"), "edited")
	next(t, w)
	if took := time.Since(began); took > 90*time.Millisecond {
		t.Fatalf("a save took %v to be reported; the quiet window is %v", took, DefaultQuiet)
	}
}

func TestNewRejectsMissingRoot(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if _, err := New(missing, Options{}); err == nil {
		t.Fatal("New on a missing directory succeeded")
	}
}

// What the root's .gitignore ignores is not watched (files, directories, also directories
// created later), unless Options.Keep keeps it.
func TestGitignoredFilesAreSkippedUnlessKept(t *testing.T) {
	keep := func(path string) bool { return filepath.Base(path) == ".env" }
	root, w := startWith(t, Options{Quiet: testQuiet, Keep: keep}, ".gitignore", "app.js", "logs/old.log")
	write(t, filepath.Join(root, ".gitignore"), "")
	_ = w.Close()
	write(t, filepath.Join(root, ".gitignore"), "*.log\nlogs/\ndata.sqlite\n.env\n")
	w, err := New(root, Options{Quiet: testQuiet, Keep: keep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.Close() })
	write(t, filepath.Join(root, "server.log"), "a line")
	write(t, filepath.Join(root, "logs", "old.log"), "a line")
	write(t, filepath.Join(root, "data.sqlite"), "rows")
	write(t, filepath.Join(root, "logs", "new", "today.txt"), "a line")
	none(t, w, 300*time.Millisecond)
	write(t, filepath.Join(root, ".env"), "A=1")
	wantPaths(t, next(t, w), filepath.Join(root, ".env"))
	write(t, filepath.Join(root, "app.js"), "changed")
	wantPaths(t, next(t, w), filepath.Join(root, "app.js"))
}

package driver

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// repoRoot is the checkout this test file lives in.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// nodeBinary is the pinned Node: $HOTSWAP_NODE, or scripts/node.sh lts.
func nodeBinary(t *testing.T) string {
	t.Helper()
	if node := os.Getenv("HOTSWAP_NODE"); node != "" {
		return node
	}
	out, err := exec.Command(filepath.Join(repoRoot(t), "scripts", "node.sh"), "lts").Output()
	if err != nil {
		t.Fatalf("no pinned node: set HOTSWAP_NODE or fix scripts/node.sh lts: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// copyApp copies a fixture app from testdata/driver/apps into a fresh directory.
func copyApp(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "testdata", "driver", "apps", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// recorder keeps every event of a driver and lets a test wait for one.
type recorder struct {
	mu     sync.Mutex
	events []Event
	added  chan struct{}
}

func record(d *Driver) *recorder {
	r := &recorder{added: make(chan struct{}, 1)}
	go func() {
		for e := range d.Events() {
			r.mu.Lock()
			r.events = append(r.events, e)
			r.mu.Unlock()
			select {
			case r.added <- struct{}{}:
			default:
			}
		}
	}()
	return r
}

// waitFor returns the first event from index from on that matches, failing after timeout.
func (r *recorder) waitFor(t *testing.T, from int, kind Kind, match func(Event) bool) (Event, int) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		r.mu.Lock()
		for i := from; i < len(r.events); i++ {
			if e := r.events[i]; e.Kind == kind && (match == nil || match(e)) {
				r.mu.Unlock()
				return e, i + 1
			}
		}
		r.mu.Unlock()
		select {
		case <-r.added:
		case <-deadline:
			t.Fatalf("no %s event within 20s; events: %s", kind, r.describe())
		}
	}
}

// count returns how many events of a kind were seen.
func (r *recorder) count(kind Kind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func (r *recorder) describe() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var parts []string
	for _, e := range r.events {
		s := string(e.Kind)
		switch {
		case e.Update != nil:
			s += "(" + e.Update.Type + ")"
		case e.Restart != nil:
			s += "(" + e.Restart.Reason + ")"
		case e.Log != nil:
			s += "(" + e.Log.Message + ")"
		case e.Message != "":
			s += "(" + e.Message + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// startDriver starts a driver on an app with the given runtime and stops it at cleanup.
func startDriver(t *testing.T, opts Options) (*Driver, *recorder) {
	t.Helper()
	if opts.Node == "" {
		opts.Node = nodeBinary(t)
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.ShutdownTimeout == 0 {
		opts.ShutdownTimeout = 5 * time.Second
	}
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	rec := record(d)
	t.Cleanup(func() { _, _ = d.Stop() })
	if err := d.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d, rec
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

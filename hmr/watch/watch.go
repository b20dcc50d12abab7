// Package watch reports changed files under a project directory: recursive (directories
// that appear are watched too), skipping dependencies and build output, aware of editors'
// atomic saves, with each save's burst of file-system events coalesced into one Change.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	gitignore "github.com/sabhiram/go-gitignore"
)

// DefaultQuiet is how long the tree must stay still before a burst of events is reported:
// long enough to join the events of one save, short enough not to be felt.
const DefaultQuiet = 5 * time.Millisecond

// maxDelay bounds how long a continuous stream of events can hold a change back.
const maxDelay = 250 * time.Millisecond

// Change is one coalesced burst of events.
type Change struct {
	// Paths are the absolute paths of the files that changed, sorted, each once.
	Paths []string
	// Since is when the first event of the burst arrived, to measure edit-to-effect time.
	Since time.Time
}

// Options tune a Watcher; the zero value is ready to use.
type Options struct {
	// Quiet is the still time that ends a burst; zero means DefaultQuiet.
	Quiet time.Duration
	// Keep names files watched even when the root's .gitignore ignores them (.env files
	// that restart the app, say).
	Keep func(path string) bool
}

// Watcher watches one directory tree. Its channels are closed by Close.
type Watcher struct {
	root    string
	quiet   time.Duration
	git     *gitignore.GitIgnore // the root's .gitignore, or nil
	keep    func(string) bool
	fs      *fsnotify.Watcher
	changes chan Change
	errs    chan error
	done    chan struct{}
	closed  sync.Once
	stopped chan struct{}
}

// New starts watching every directory under root, except the ignored ones.
func New(root string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a directory", abs)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		root:    abs,
		quiet:   opts.Quiet,
		git:     readGitignore(abs),
		keep:    opts.Keep,
		fs:      fsw,
		changes: make(chan Change),
		errs:    make(chan error, 16),
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	if w.quiet <= 0 {
		w.quiet = DefaultQuiet
	}
	if _, err := w.addTree(abs); err != nil {
		_ = fsw.Close()
		return nil, err
	}
	go w.loop()
	return w, nil
}

// Changes delivers one Change per burst. A slow reader loses nothing: bursts that arrive
// meanwhile are merged into the next Change.
func (w *Watcher) Changes() <-chan Change { return w.changes }

// Errors delivers problems that do not stop the watcher (a directory that could not be
// watched, an event queue overflow).
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes the channels.
func (w *Watcher) Close() error {
	var err error
	w.closed.Do(func() {
		close(w.done)
		err = w.fs.Close()
		<-w.stopped
	})
	return err
}

// addTree watches dir and every directory under it, and returns the files it holds (a
// directory that just appeared may already have files written before its watch existed).
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			// A directory that vanished or cannot be read mid-walk does not stop the rest.
			return nil
		}
		if !d.IsDir() {
			if d.Type().IsRegular() && !w.gitIgnored(path, false) {
				files = append(files, path)
			}
			return nil
		}
		if path != dir && (ignoredDirs[d.Name()] || w.gitIgnored(path, true)) {
			return filepath.SkipDir
		}
		if err := w.fs.Add(path); err != nil {
			return fmt.Errorf("watch %s: %w", path, err)
		}
		return nil
	})
	return files, err
}

// loop collects events into bursts and hands them out.
func (w *Watcher) loop() {
	defer close(w.stopped)
	defer close(w.changes)
	burst := newBurst()
	var ready *Change
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	for {
		var out chan Change
		var next Change
		if ready != nil {
			out, next = w.changes, *ready
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if w.handle(ev, burst) {
				// Ending the burst on quiet, or at maxDelay for a tree that never rests.
				wait := min(w.quiet, maxDelay-time.Since(burst.since))
				quiet.Reset(max(wait, 0))
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.report(err)
		case <-quiet.C:
			if paths := burst.paths(); len(paths) > 0 {
				ready = merge(ready, Change{Paths: paths, Since: burst.since})
			}
			burst = newBurst()
		case out <- next:
			ready = nil
		}
	}
}

// handle records one event in the burst and reports whether it counted.
func (w *Watcher) handle(ev fsnotify.Event, b *burst) bool {
	path := ev.Name
	if editorTemp(path) || w.insideIgnored(path) {
		return false
	}
	info, statErr := os.Lstat(path)
	isDir := statErr == nil && info.IsDir()
	if w.gitIgnored(path, isDir) {
		return false
	}
	switch {
	case ev.Has(fsnotify.Create) && isDir:
		files, err := w.addTree(path)
		if err != nil {
			w.report(err)
		}
		for _, f := range files {
			if !editorTemp(f) {
				b.add(f, true)
			}
		}
		return true
	case isDir:
		// Attribute changes and writes on a directory say nothing about its files.
		return false
	case ev.Has(fsnotify.Create):
		b.add(path, true)
	case ev.Has(fsnotify.Write), ev.Has(fsnotify.Chmod), ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		// Chmod covers a bare touch; Remove and Rename the first half of an atomic save,
		// whose Create follows within the same burst.
		b.add(path, false)
	default:
		return false
	}
	return true
}

// insideIgnored reports whether path lies under an ignored directory of the tree.
func (w *Watcher) insideIgnored(path string) bool {
	rel, err := filepath.Rel(w.root, path)
	if err != nil {
		return true
	}
	for dir := filepath.Dir(rel); dir != "." && dir != string(filepath.Separator); dir = filepath.Dir(dir) {
		if ignoredDirs[filepath.Base(dir)] {
			return true
		}
	}
	return ignoredDirs[filepath.Base(rel)] && rel != "."
}

// report passes on an error without ever blocking the watcher.
func (w *Watcher) report(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		err = fmt.Errorf("watch %s: too many events at once, some changes may be missed: %w", w.root, err)
	}
	select {
	case w.errs <- err:
	default:
	}
}

// burst is the set of paths touched since the tree was last quiet.
type burst struct {
	since   time.Time
	touched map[string]bool // path -> created during this burst
}

func newBurst() *burst { return &burst{touched: map[string]bool{}} }

func (b *burst) add(path string, created bool) {
	if len(b.touched) == 0 {
		b.since = time.Now()
	}
	b.touched[path] = b.touched[path] || created
}

// paths returns the changed files: a file that was created and removed again within the
// burst (a scratch file of an atomic save) is no change; a file that was removed is one.
func (b *burst) paths() []string {
	out := make([]string, 0, len(b.touched))
	for path, created := range b.touched {
		if _, err := os.Lstat(path); err != nil && created {
			continue
		}
		out = append(out, path)
	}
	slices.Sort(out)
	return out
}

// merge joins a newer burst into a Change not yet delivered.
func merge(ready *Change, next Change) *Change {
	if ready == nil {
		return &next
	}
	all := slices.Concat(ready.Paths, next.Paths)
	slices.Sort(all)
	return &Change{Paths: slices.Compact(all), Since: ready.Since}
}

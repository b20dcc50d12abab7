package analysis

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// Workspace is the analysed module graph of one project. Its methods are safe for concurrent
// use.
type Workspace struct {
	fsys     FileSystem
	root     string
	resolver resolver
	cache    FactsCache

	mu      sync.Mutex
	entries []Entry
	// entryFindings are problems with the entries themselves (missing, not a module).
	entryFindings []Finding
	// boundaryGlobs are the hotHook.boundaries of the entries' package.json files, and
	// configFindings the problems found reading the configFiles. They change only under mu,
	// before modules are resolved.
	boundaryGlobs  []boundaryGlobs
	configFindings []Finding
	configFiles    []string
	// tsconfigFindings are the problems of the tsconfig files the resolver read, and
	// tsconfigFiles those files.
	tsconfigFindings []Finding
	tsconfigFiles    []string
	// modules caches every file loaded so far, in the graph or not any more, by absolute path.
	modules map[string]*module
	graph   *graph

	// typesMu guards what decides formats: package.json types by directory, Node's syntax
	// detection by file, and the facts detection parsed for files that are ES modules.
	typesMu  sync.Mutex
	pkgTypes map[string]string
	detected map[string]bool
	parsed   map[string]*facts.Facts
}

// Open analyses the project in root (made absolute) from its entries. With no entries given
// it guesses them from package.json (see GuessEntries) and says which it took in Entries. A
// missing entry becomes a finding; the error is only for a project that cannot be analysed at
// all (root is not a directory, esbuild's resolver does not start).
func Open(fsys FileSystem, root string, entries []string) (*Workspace, error) {
	return OpenCached(fsys, root, entries, nil)
}

// FactsCache keeps the facts of files between runs, found by a file's name (for its language)
// and content; hmr/analysis/factscache keeps them on disk. Load returns nil for a file it does
// not know. Files are loaded in parallel, so its methods must be safe for concurrent use.
type FactsCache interface {
	Load(name string, src []byte) *facts.Facts
	Store(name string, src []byte, f *facts.Facts)
}

// OpenCached is Open taking the facts of files whose content the cache knows from it, and
// giving it those of the files it parses; cache may be nil.
func OpenCached(fsys FileSystem, root string, entries []string, cache FactsCache) (*Workspace, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	// The resolver answers with real paths; a root reached through a symbolic link would make
	// the same file appear under two names.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	info, err := fsys.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("project directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", abs)
	}
	// tsconfig is read through fsys, and only inside the project (see resolve.ReadTSConfig).
	res, err := resolve.NewWithReader(abs, fsys.ReadFile)
	if err != nil {
		return nil, err
	}
	w := &Workspace{fsys: fsys, root: abs, resolver: res, cache: cache, modules: map[string]*module{}}
	w.forgetAllFormats()
	if len(entries) > 0 {
		for _, e := range entries {
			w.entries = append(w.entries, Entry{Path: w.rel(w.abs(e)), Source: "--entry"})
		}
	} else {
		w.entries = GuessEntries(fsys, abs)
	}
	w.mu.Lock()
	w.loadBoundaryGlobs()
	w.rebuild()
	w.loadTSConfigFindings()
	w.mu.Unlock()
	return w, nil
}

// Close releases the resolver.
func (w *Workspace) Close() { w.resolver.Close() }

// Root is the project directory, absolute.
func (w *Workspace) Root() string { return w.root }

// Entries lists the entries the graph starts from and where each came from.
func (w *Workspace) Entries() []Entry {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Entry(nil), w.entries...)
}

// abs turns a path relative to the root (or already absolute) into a clean absolute path.
func (w *Workspace) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(w.root, filepath.FromSlash(p))
}

// rel turns an absolute path into the root-relative, forward-slash form used in output.
func (w *Workspace) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// loadAll loads modules in parallel.
func (w *Workspace) loadAll(paths []string) {
	if len(paths) == 0 {
		return
	}
	defer raiseGCForBulkLoad(len(paths))()
	loaded := make([]*module, len(paths))
	parallel(len(paths), func(i int) { loaded[i] = w.loadModule(paths[i]) })
	for _, m := range loaded {
		w.modules[m.path] = m
	}
}

// parallel calls fn with every index below n, on at most one worker per core. Workers take
// the next index from a counter: handing each over a channel cost more than a verdict's walk.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Update re-reads the given files (absolute or root-relative) after they changed, appeared or
// disappeared, and brings the graph up to date. Only those files are parsed again; a change
// to a package.json, a tsconfig.json or a file a tsconfig extends re-resolves every import and
// re-reads hotHook.boundaries.
func (w *Workspace) Update(paths ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	configChanged := false
	tsconfigFiles := w.resolver.ConfigFiles()
	var appeared, vanished, redetect, changed []string
	wasESM := map[string]bool{}
	old := map[string]*module{}
	for _, p := range paths {
		p = w.abs(p)
		base := filepath.Base(p)
		if base == "package.json" || base == "jsconfig.json" || (strings.HasPrefix(base, "tsconfig") && strings.HasSuffix(base, ".json")) ||
			slices.Contains(tsconfigFiles, p) {
			configChanged = true
		}
		_, statErr := w.fsys.Stat(p)
		_, known := w.modules[p]
		switch {
		case statErr != nil:
			vanished = append(vanished, p)
		case !known:
			appeared = append(appeared, p)
		}
		old[p] = w.modules[p]
		changed = append(changed, p)
		delete(w.modules, p)
		if esm, known := w.forgetFormat(p); known {
			redetect = append(redetect, p)
			wasESM[p] = esm
		}
	}
	switch {
	case configChanged:
		w.resolver.Invalidate()
		w.forgetAllFormats()
		// hotHook.boundaries may have changed with the package.json.
		w.loadBoundaryGlobs()
		w.reresolve(func(*module) bool { return true })
	case len(appeared) > 0 || len(vanished) > 0 || w.formatsChanged(redetect, wasESM):
		// A new or deleted file changes the answer of imports that failed or led to it.
		w.resolver.Invalidate()
		// Imports of a file whose format changed (a CommonJS file gained an import) must be
		// resolved again too: they now lead to a module, or away from one.
		gone := map[string]bool{}
		for _, p := range append(vanished, redetect...) {
			gone[p] = true
		}
		w.reresolve(func(m *module) bool {
			for _, e := range m.edges {
				if e.err != nil || gone[e.target] || gone[e.resolved] {
					return true
				}
			}
			for _, a := range m.accepts {
				if a.err != nil || gone[a.target] || gone[a.resolved] {
					return true
				}
			}
			return false
		})
	default:
		// The usual edit: the files keep their imports, so the graph keeps its shape.
		if w.updateInPlace(changed, old) {
			w.loadTSConfigFindings()
			return
		}
	}
	w.rebuild()
	w.loadTSConfigFindings()
}

// updateInPlace loads the changed files again and, when each was in the graph and still
// imports the same modules in the same order, swaps them into the graph without rebuilding
// it (a pass over every edge, milliseconds at 10,000 modules). Verdicts are computed afresh,
// since an edit may add or drop an accept. It reports false when the graph must be rebuilt;
// the files are loaded either way. The caller holds w.mu.
func (w *Workspace) updateInPlace(paths []string, old map[string]*module) bool {
	g := w.graph
	if g == nil {
		return false
	}
	for _, p := range paths {
		if old[p] == nil || g.modules[p] != old[p] {
			return false
		}
	}
	w.loadAll(paths)
	for _, p := range paths {
		if !sameTargets(old[p].edges, w.modules[p].edges) {
			return false
		}
	}
	for _, p := range paths {
		g.modules[p] = w.modules[p]
	}
	g.verdicts = map[string]Verdict{}
	return true
}

// sameTargets reports whether two modules' imports lead to the same modules in the same order.
func sameTargets(a, b []edge) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].target != b[i].target {
			return false
		}
	}
	return true
}

// loadTSConfigFindings turns the problems of the tsconfig files read so far (the resolver
// reads a folder's when it first resolves there) into findings. The caller holds w.mu.
func (w *Workspace) loadTSConfigFindings() {
	w.tsconfigFindings = w.tsconfigFindings[:0]
	w.tsconfigFiles = w.tsconfigFiles[:0]
	for _, p := range w.resolver.ConfigProblems() {
		data, _ := w.fsys.ReadFile(p.File)
		offset := min(p.Offset, len(data))
		at := facts.PointAt(data, offset)
		w.tsconfigFindings = append(w.tsconfigFindings, Finding{Path: w.rel(p.File), Code: CodeInvalidConfig, Severity: SeverityWarning,
			Message: filepath.Base(p.File) + " " + p.Message, Range: facts.Range{Start: at, End: at, StartByte: offset, EndByte: offset}})
		if !slices.Contains(w.tsconfigFiles, p.File) {
			w.tsconfigFiles = append(w.tsconfigFiles, p.File)
		}
	}
}

// formatsChanged reports whether syntax detection decides differently for one of the changed
// files than before.
func (w *Workspace) formatsChanged(paths []string, wasESM map[string]bool) bool {
	changed := false
	for _, p := range paths {
		if _, err := w.fsys.Stat(p); err == nil && w.participates(p) != wasESM[p] {
			changed = true
		}
	}
	return changed
}

// reresolve resolves again the imports of the cached modules that match.
func (w *Workspace) reresolve(match func(*module) bool) {
	var todo []*module
	for _, m := range w.modules {
		if m.readErr == nil && match(m) {
			todo = append(todo, m)
		}
	}
	parallel(len(todo), func(i int) { w.resolveModule(todo[i]) })
}

// sortedByRel sorts absolute paths by their root-relative form.
func (w *Workspace) sortedByRel(paths []string) {
	sort.Slice(paths, func(i, j int) bool { return w.rel(paths[i]) < w.rel(paths[j]) })
}

package analysis

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// MaxFileSize is the largest file the analysis parses; a bigger one gets an unreadable-file
// finding instead, since a hand-written module that large is almost surely generated data.
var MaxFileSize int64 = 4 << 20

// module is one participating file: its facts and its resolved edges.
type module struct {
	path string // absolute
	rel  string // relative to the workspace root, with forward slashes
	// readErr says why the file could not be read or parsed at all; facts are empty then.
	readErr error
	facts   *facts.Facts
	edges   []edge
	accepts []acceptance
}

// edge is one import of a module, resolved.
type edge struct {
	imp    facts.Import
	target string // absolute path of a participating module; empty otherwise
	// external is set for builtins, node_modules and non-participating files.
	external bool
	// resolved is the resolver's answer (a path, or a builtin's name); pkg says the resolver
	// called it external (a builtin or a package).
	resolved string
	pkg      bool
	err      error
}

// acceptance is one dependency an accept call names, resolved.
type acceptance struct {
	spec     facts.Specifier
	target   string
	resolved string
	pkg      bool
	err      error
}

// loadModule reads, parses and resolves one file. It never fails: problems become readErr
// or edge errors, so the rest of the graph is still analysed.
func (w *Workspace) loadModule(path string) *module {
	m := &module{path: path, rel: w.rel(path), facts: &facts.Facts{}}
	if f := w.takeParsed(path); f != nil {
		m.facts = f
		w.resolveModule(m)
		return m
	}
	src, err := w.readSource(path)
	if err != nil {
		m.readErr = err
		return m
	}
	f, err := w.parse(path, src)
	if err != nil {
		m.readErr = err
		return m
	}
	m.facts = f
	w.resolveModule(m)
	return m
}

// parse extracts a file's facts, or takes them from the cache when it knows the content.
func (w *Workspace) parse(path string, src []byte) (*facts.Facts, error) {
	if w.cache == nil {
		return facts.Parse(path, src)
	}
	if f := w.cache.Load(path, src); f != nil {
		return f, nil
	}
	f, err := facts.Parse(path, src)
	if err == nil {
		w.cache.Store(path, src, f)
	}
	return f, err
}

// readSource reads a file the analysis can parse, refusing huge and binary files.
func (w *Workspace) readSource(path string) ([]byte, error) {
	info, err := w.fsys.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit: not analysed", info.Size(), MaxFileSize)
	}
	src, err := w.fsys.ReadFile(path)
	if err != nil {
		return nil, err
	}
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("binary file (contains NUL bytes): not analysed")
	}
	return src, nil
}

// resolveModule resolves a module's imports and accepted specifiers.
func (w *Workspace) resolveModule(m *module) {
	m.edges = m.edges[:0]
	commonjs := w.formatOf(m.path).commonjs
	for _, imp := range m.facts.Imports {
		// require() makes edges of CommonJS files only; an ES module's require (createRequire)
		// reaches what Node loads itself.
		if imp.Kind == facts.ImportRequire && !commonjs {
			continue
		}
		e := edge{imp: imp}
		if suffix := urlSuffix(imp.Specifier); imp.Literal && suffix != "" {
			// `./x.js?v=2` is an instance of its own, which Node loads (hmr/SEMANTICS.md
			// section 1): no edge into the graph, but a file that is not there is still an error.
			_, _, e.resolved, e.pkg, e.err = w.resolveTarget(m.path, strings.TrimSuffix(imp.Specifier, suffix))
			e.external = true
		} else if imp.Literal {
			e.target, e.external, e.resolved, e.pkg, e.err = w.resolveTarget(m.path, imp.Specifier)
			// A dynamic import of a file hotHook.boundaries names counts as passing
			// import.meta.hot?.boundary; the facts keep what the source says.
			if w.isConfiguredBoundary(imp, e.target) {
				e.imp.Boundary = true
			}
		}
		m.edges = append(m.edges, e)
	}
	m.accepts = m.accepts[:0]
	for _, call := range m.facts.Calls(facts.HotAccept) {
		for _, spec := range call.Specifiers {
			a := acceptance{spec: spec}
			a.target, _, a.resolved, a.pkg, a.err = w.resolveTarget(m.path, spec.Text)
			m.accepts = append(m.accepts, a)
		}
	}
}

// urlSuffix returns the query and fragment ("?v=2#x") of a relative, absolute or file: URL
// specifier, or "". Node takes such a specifier as a URL, so they are not part of the path.
func urlSuffix(specifier string) string {
	pathLike := strings.HasPrefix(specifier, "./") || strings.HasPrefix(specifier, "../") ||
		strings.HasPrefix(specifier, "/") || strings.HasPrefix(specifier, "file:") ||
		specifier == "." || specifier == ".." || filepath.IsAbs(specifier)
	if !pathLike {
		return ""
	}
	if i := strings.IndexAny(specifier, "?#"); i >= 0 {
		return specifier[i:]
	}
	return ""
}

// resolveTarget resolves a specifier and says whether it leads to a participating module,
// along with the resolver's own answer.
func (w *Workspace) resolveTarget(importer, specifier string) (target string, external bool, resolved string, pkg bool, err error) {
	res := w.resolver.Resolve(importer, specifier)
	if res.Err != nil {
		return "", false, "", false, res.Err
	}
	resolved = res.Path
	if !res.External {
		resolved = filepath.Clean(res.Path)
	}
	if res.External || !w.participates(res.Path) {
		return "", true, resolved, res.External, nil
	}
	return resolved, false, resolved, false, nil
}

// acceptsTarget reports whether m accepts updates of target: by an accept specifier or by a
// hot-hook boundary dynamic import.
func (m *module) acceptsTarget(target string) bool {
	for _, a := range m.accepts {
		if a.target == target {
			return true
		}
	}
	for _, e := range m.edges {
		if e.imp.Boundary && e.target == target {
			return true
		}
	}
	return false
}

// declines reports whether the module calls import.meta.hot.decline().
func (m *module) declines() bool {
	return len(m.facts.Calls(facts.HotDecline)) > 0
}

// resolver is what the workspace needs from hmr/analysis/resolve; tests may not swap it, but
// naming it keeps the dependency in one place.
type resolver interface {
	Resolve(importer, specifier string) resolve.Result
	ConfigProblems() []resolve.ConfigProblem
	ConfigFiles() []string
	Invalidate()
	Close()
}

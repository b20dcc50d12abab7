// Package live turns the module graph a running app reports (hmr/PROTOCOL.md "Graph") into
// the same verdicts the static analysis predicts, by the walk of hmr/SEMANTICS.md section 3.
// While the app runs, the registrations the runtime really saw replace the analyser's guesses.
// It knows nothing of LSP.
package live

import (
	"path/filepath"
	"reflect"
	"sort"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// Graph is a runtime graph indexed for verdicts. Its methods are safe for concurrent use
// once built; it is never modified.
type Graph struct {
	root    string
	entry   string
	modules map[string]*protocol.GraphModule
}

// New indexes g; root is the workspace folder that relative paths are taken from.
func New(root string, g *protocol.Graph) *Graph {
	lg := &Graph{root: root, entry: filepath.Clean(g.Entry), modules: map[string]*protocol.GraphModule{}}
	for i := range g.Modules {
		m := &g.Modules[i]
		lg.modules[filepath.Clean(m.Path)] = m
	}
	return lg
}

// SameShape reports whether o holds the same modules with the same registrations and edges as
// g, whatever their versions: a hot update that changed only code bodies leaves the verdicts
// as they were, so nothing shown from the graph needs redrawing.
func (g *Graph) SameShape(o *Graph) bool {
	if g == nil || o == nil || g.entry != o.entry || len(g.modules) != len(o.modules) {
		return false
	}
	for path, m := range g.modules {
		n := o.modules[path]
		if n == nil {
			return false
		}
		a, b := *m, *n
		a.Version, b.Version = 0, 0
		if !reflect.DeepEqual(a, b) {
			return false
		}
	}
	return true
}

// Len is the number of modules the app has loaded.
func (g *Graph) Len() int { return len(g.modules) }

// Module returns the runtime's record of a module (absolute path), or nil.
func (g *Graph) Module(path string) *protocol.GraphModule { return g.modules[filepath.Clean(path)] }

// Entry is the running app's entry, absolute.
func (g *Graph) Entry() string { return g.entry }

// rel makes a path relative to the folder, with forward slashes, as analysis.Verdict has it.
func (g *Graph) rel(p string) string {
	if r, err := filepath.Rel(g.root, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// Verdict says what an edit to path (absolute) does to the running app, by the same walk as
// the static analysis (analysis.Walk) over the registrations the runtime reported.
func (g *Graph) Verdict(path string) analysis.Verdict {
	return analysis.Walk(runtimeWalkGraph{g}, filepath.Clean(path))
}

// runtimeWalkGraph adapts a runtime graph to analysis.WalkGraph. Paths it is given are
// already clean: Verdict cleans the changed file and Importers cleans the rest.
type runtimeWalkGraph struct{ g *Graph }

// Contains reports whether the app has loaded path.
func (r runtimeWalkGraph) Contains(path string) bool { return r.g.modules[path] != nil }

// IsEntry reports whether path is the app's entry.
func (r runtimeWalkGraph) IsEntry(path string) bool { return path == r.g.entry }

// Declines reports whether the runtime saw the module call import.meta.hot.decline().
func (r runtimeWalkGraph) Declines(path string) bool { return r.g.modules[path].Declined }

// SelfAccepts reports whether the runtime saw the module accept its own updates.
func (r runtimeWalkGraph) SelfAccepts(path string) bool { return r.g.modules[path].SelfAccept }

// Importers lists the importers of path that the graph holds, by relative path.
func (r runtimeWalkGraph) Importers(path string) []string {
	var out []string
	for _, p := range r.g.modules[path].Importers {
		p = filepath.Clean(p)
		if r.g.modules[p] != nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return r.g.rel(out[i]) < r.g.rel(out[j]) })
	return out
}

// Accepts reports whether importer accepts updates of target: by an accept call the runtime
// registered, or by a hot-hook boundary import.
func (r runtimeWalkGraph) Accepts(importer, target string) bool {
	m := r.g.modules[importer]
	for _, a := range m.Accepts {
		if filepath.Clean(a) == target {
			return true
		}
	}
	for _, i := range m.Imports {
		if i.Boundary && i.Path != "" && filepath.Clean(i.Path) == target {
			return true
		}
	}
	return false
}

// Rel gives the folder-relative form of path.
func (r runtimeWalkGraph) Rel(path string) string { return r.g.rel(path) }

// Modules lists the runtime's records of every module.
func (g *Graph) Modules() []*protocol.GraphModule {
	out := make([]*protocol.GraphModule, 0, len(g.modules))
	for _, m := range g.modules {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Package live turns the module graph a running app reports (hmr/PROTOCOL.md "Graph") into
// the same verdicts the static analysis predicts, by the walk of hmr/SEMANTICS.md section 3.
// While the app runs, the registrations the runtime really saw replace the analyser's guesses.
// It knows nothing of LSP.
package live

import (
	"path/filepath"
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

// Verdict says what an edit to path (absolute) does to the running app: breadth first from
// the file towards the entry, stopping at modules that accept it, so the chain of a restart
// is a shortest one.
func (g *Graph) Verdict(path string) analysis.Verdict {
	path = filepath.Clean(path)
	v := analysis.Verdict{Path: g.rel(path)}
	if g.modules[path] == nil {
		v.Kind = analysis.VerdictNotInGraph
		return v
	}
	parent := map[string]string{path: ""}
	queue := []string{path}
	boundaries := map[string]bool{}
	chainTo := func(end string) []string {
		var chain []string
		for p := end; p != ""; p = parent[p] {
			chain = append([]string{g.rel(p)}, chain...)
		}
		return chain
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		m := g.modules[cur]
		if m.Declined {
			v.Kind, v.Declined, v.Chain = analysis.VerdictRestart, g.rel(cur), chainTo(cur)
			return v
		}
		if m.SelfAccept {
			boundaries[cur] = true
			continue
		}
		importers := g.sortedImporters(m)
		if cur == g.entry || len(importers) == 0 {
			v.Kind, v.Chain = analysis.VerdictRestart, chainTo(cur)
			return v
		}
		for _, imp := range importers {
			if g.accepts(imp, cur) {
				boundaries[imp] = true
				continue
			}
			if _, seen := parent[imp]; !seen {
				parent[imp] = cur
				queue = append(queue, imp)
			}
		}
	}
	v.Kind = analysis.VerdictHot
	for b := range boundaries {
		v.AcceptedBy = append(v.AcceptedBy, g.rel(b))
	}
	sort.Strings(v.AcceptedBy)
	return v
}

// sortedImporters lists the importers of m that the graph holds, by relative path.
func (g *Graph) sortedImporters(m *protocol.GraphModule) []string {
	var out []string
	for _, p := range m.Importers {
		p = filepath.Clean(p)
		if g.modules[p] != nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return g.rel(out[i]) < g.rel(out[j]) })
	return out
}

// accepts reports whether importer accepts updates of target: by an accept call the runtime
// registered, or by a hot-hook boundary import.
func (g *Graph) accepts(importer, target string) bool {
	m := g.modules[importer]
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

// Modules lists the runtime's records of every module.
func (g *Graph) Modules() []*protocol.GraphModule {
	out := make([]*protocol.GraphModule, 0, len(g.modules))
	for _, m := range g.modules {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

package analysis

import (
	"fmt"
	"sort"
)

// graph is the part of the project the entries reach, with the reverse edges the verdicts
// walk. It is rebuilt from the cached modules after every update, which costs a pass over
// the edges and no parsing.
type graph struct {
	modules   map[string]*module
	entries   map[string]bool
	importers map[string][]string // sorted by relative path
	verdicts  map[string]Verdict
}

// rebuild recomputes the graph from the entries, loading modules it reaches for the first
// time. The caller holds w.mu.
func (w *Workspace) rebuild() {
	g := &graph{modules: map[string]*module{}, entries: map[string]bool{}, importers: map[string][]string{}, verdicts: map[string]Verdict{}}
	w.entryFindings = w.entryFindings[:0]
	var frontier []string
	for _, e := range w.entries {
		p := w.abs(e.Path)
		info, err := w.fsys.Stat(p)
		switch {
		case err != nil:
			w.entryFindings = append(w.entryFindings, Finding{Path: e.Path, Code: CodeMissingEntry, Severity: SeverityError,
				Message: fmt.Sprintf("entry %s (from %s) cannot be read: %v", e.Path, e.Source, unwrapPathError(err))})
			continue
		case info.IsDir():
			w.entryFindings = append(w.entryFindings, Finding{Path: e.Path, Code: CodeMissingEntry, Severity: SeverityError,
				Message: fmt.Sprintf("entry %s (from %s) is a directory", e.Path, e.Source)})
			continue
		}
		if f := w.formatOf(p); !f.participates {
			w.entryFindings = append(w.entryFindings, Finding{Path: e.Path, Code: CodeMissingEntry, Severity: SeverityError,
				Message: fmt.Sprintf("entry %s (from %s) is not an ES module the runtime loads (%s): Node runs it itself and nothing it loads is hot", e.Path, e.Source, f.why)})
			continue
		}
		g.entries[p] = true
		frontier = append(frontier, p)
	}
	for len(frontier) > 0 {
		var missing []string
		for _, p := range frontier {
			if _, ok := w.modules[p]; !ok {
				missing = append(missing, p)
			}
		}
		w.loadAll(missing)
		var next []string
		for _, p := range frontier {
			if g.modules[p] != nil {
				continue
			}
			m := w.modules[p]
			g.modules[p] = m
			for _, e := range m.edges {
				if e.target != "" && g.modules[e.target] == nil {
					next = append(next, e.target)
				}
			}
		}
		frontier = dedupe(next)
	}
	for _, m := range g.modules {
		seen := map[string]bool{}
		for _, e := range m.edges {
			if e.target != "" && !seen[e.target] {
				seen[e.target] = true
				g.importers[e.target] = append(g.importers[e.target], m.path)
			}
		}
	}
	for _, list := range g.importers {
		w.sortedByRel(list)
	}
	w.graph = g
}

// dedupe returns the distinct strings of list in their first order.
func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// modulePaths lists the graph's modules sorted by relative path. The caller holds w.mu.
func (w *Workspace) modulePaths() []string {
	paths := make([]string, 0, len(w.graph.modules))
	for p := range w.graph.modules {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	w.sortedByRel(paths)
	return paths
}

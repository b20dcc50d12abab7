package analysis

import (
	"slices"
	"sort"
)

// WalkGraph is the view of a module graph that Walk needs. The static analysis and the
// language server's runtime graph each adapt their own graph to it, so both predict by the
// same rules. Paths are the graph's own keys (absolute); Rel gives the form a Verdict shows.
type WalkGraph interface {
	// Contains reports whether path is a module of the graph.
	Contains(path string) bool
	// IsEntry reports whether path is one of the app's entries.
	IsEntry(path string) bool
	// Declines reports whether the module calls import.meta.hot.decline().
	Declines(path string) bool
	// SelfAccepts reports whether the module accepts its own updates.
	SelfAccepts(path string) bool
	// Importers lists the graph's modules that import path, sorted by relative path, so the
	// walk visits them in a stable order.
	Importers(path string) []string
	// Accepts reports whether importer accepts updates of target, by an accept specifier or
	// by a boundary import.
	Accepts(importer, target string) bool
	// Rel turns a graph path into the root-relative, forward-slash form of a Verdict.
	Rel(path string) string
}

// Walk predicts what an edit to path does, by the walk of hmr/SEMANTICS.md section 3: breadth
// first from the changed module towards the entries, stopping at modules that accept it, so
// that the first failure met is on a shortest chain.
func Walk(g WalkGraph, path string) Verdict {
	v := Verdict{Path: g.Rel(path)}
	if !g.Contains(path) {
		v.Kind = VerdictNotInGraph
		return v
	}
	parent := map[string]string{path: ""}
	queue := []string{path}
	boundaries := map[string]bool{}
	chainTo := func(end string) []string {
		var chain []string
		for p := end; p != ""; p = parent[p] {
			chain = append(chain, g.Rel(p))
		}
		// Parent links lead back to the changed file; the chain starts from it.
		slices.Reverse(chain)
		return chain
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if g.Declines(cur) {
			v.Kind, v.Declined, v.Chain = VerdictRestart, g.Rel(cur), chainTo(cur)
			return v
		}
		if g.SelfAccepts(cur) {
			boundaries[cur] = true
			continue
		}
		importers := g.Importers(cur)
		if g.IsEntry(cur) || len(importers) == 0 {
			v.Kind, v.Chain = VerdictRestart, chainTo(cur)
			return v
		}
		for _, imp := range importers {
			if g.Accepts(imp, cur) {
				boundaries[imp] = true
				continue
			}
			if _, seen := parent[imp]; !seen {
				parent[imp] = cur
				queue = append(queue, imp)
			}
		}
	}
	v.Kind = VerdictHot
	for b := range boundaries {
		v.AcceptedBy = append(v.AcceptedBy, g.Rel(b))
	}
	sort.Strings(v.AcceptedBy)
	return v
}

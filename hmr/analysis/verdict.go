package analysis

import (
	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// VerdictKind is what an edit to a file does to the running app.
type VerdictKind string

// The three verdicts of hmr/SEMANTICS.md section 3.
const (
	VerdictHot        VerdictKind = "hot"
	VerdictRestart    VerdictKind = "restart"
	VerdictNotInGraph VerdictKind = "not-in-graph"
)

// Verdict is the predicted outcome of an update that changes only one file. Paths are
// relative to the workspace root, with forward slashes.
type Verdict struct {
	Path string      `json:"path"`
	Kind VerdictKind `json:"verdict"`
	// AcceptedBy lists the boundary modules of a hot verdict, sorted; a self-accepting file
	// lists itself.
	AcceptedBy []string `json:"acceptedBy,omitempty"`
	// Chain runs from the file to the entry the update reaches unaccepted, or to the module
	// that declines it; the shortest such path.
	Chain []string `json:"chain,omitempty"`
	// Declined names the declining module that makes a restart verdict.
	Declined string `json:"declined,omitempty"`
}

// Verdict predicts what an edit to path (absolute or root-relative) does.
func (w *Workspace) Verdict(path string) Verdict {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.verdict(w.abs(path))
}

// Verdicts returns the verdict of every module in the graph, sorted by path.
func (w *Workspace) Verdicts() []Verdict {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []Verdict
	paths := w.modulePaths()
	w.fillVerdicts(paths)
	for _, p := range paths {
		out = append(out, w.verdict(p))
	}
	return out
}

// fillVerdicts computes the verdicts of the paths that have none cached yet, on every core:
// each Walk only reads the graph. The caller holds w.mu.
func (w *Workspace) fillVerdicts(paths []string) {
	var todo []string
	for _, p := range paths {
		if _, ok := w.graph.verdicts[p]; !ok {
			todo = append(todo, p)
		}
	}
	found := make([]Verdict, len(todo))
	parallel(len(todo), func(i int) { found[i] = Walk(staticWalkGraph{w}, todo[i]) })
	for i, p := range todo {
		w.graph.verdicts[p] = found[i]
	}
}

// verdict predicts an edit to path by Walk over the static graph, and caches the result until
// the next update rebuilds the graph. The caller holds w.mu.
func (w *Workspace) verdict(path string) Verdict {
	if v, ok := w.graph.verdicts[path]; ok {
		return v
	}
	v := Walk(staticWalkGraph{w}, path)
	w.graph.verdicts[path] = v
	return v
}

// staticWalkGraph adapts the workspace's static graph to WalkGraph. Its methods run with
// w.mu held by the caller of verdict.
type staticWalkGraph struct{ w *Workspace }

// Contains reports whether path is a module the entries reach.
func (s staticWalkGraph) Contains(path string) bool { return s.w.graph.modules[path] != nil }

// IsEntry reports whether path is one of the workspace's entries.
func (s staticWalkGraph) IsEntry(path string) bool { return s.w.graph.entries[path] }

// Declines reports whether the module's source calls import.meta.hot.decline().
func (s staticWalkGraph) Declines(path string) bool { return s.w.graph.modules[path].declines() }

// SelfAccepts reports whether the module's source accepts its own updates.
func (s staticWalkGraph) SelfAccepts(path string) bool {
	return s.w.graph.modules[path].facts.SelfAccepts()
}

// Importers returns the reverse edges, which rebuild keeps sorted by relative path.
func (s staticWalkGraph) Importers(path string) []string { return s.w.graph.importers[path] }

// Accepts reports whether importer accepts target by specifier or boundary import.
func (s staticWalkGraph) Accepts(importer, target string) bool {
	return s.w.graph.modules[importer].acceptsTarget(target)
}

// Rel gives the root-relative form of path.
func (s staticWalkGraph) Rel(path string) string { return s.w.rel(path) }

// Facts returns what the analysis read from a module of the graph (imports, exports,
// import.meta.hot calls with their ranges), or nil for a file outside the graph. Callers must
// not modify it.
func (w *Workspace) Facts(path string) *facts.Facts {
	w.mu.Lock()
	defer w.mu.Unlock()
	if m := w.graph.modules[w.abs(path)]; m != nil {
		return m.facts
	}
	return nil
}

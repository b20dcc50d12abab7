package analysis

import (
	"sort"

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
	for _, p := range w.modulePaths() {
		out = append(out, w.verdict(p))
	}
	return out
}

// verdict walks from the changed module towards the entries, breadth first so that the first
// failure met is on a shortest chain (hmr/SEMANTICS.md section 3). The caller holds w.mu.
func (w *Workspace) verdict(path string) Verdict {
	g := w.graph
	if v, ok := g.verdicts[path]; ok {
		return v
	}
	v := Verdict{Path: w.rel(path)}
	if g.modules[path] == nil {
		v.Kind = VerdictNotInGraph
		g.verdicts[path] = v
		return v
	}
	parent := map[string]string{path: ""}
	queue := []string{path}
	boundaries := map[string]bool{}
	chainTo := func(end string) []string {
		var chain []string
		for p := end; p != ""; p = parent[p] {
			chain = append(chain, w.rel(p))
		}
		// parent links lead back to the changed file; the chain starts from it.
		return reversed(chain)
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		m := g.modules[cur]
		if m.declines() {
			v.Kind, v.Declined, v.Chain = VerdictRestart, w.rel(cur), chainTo(cur)
			break
		}
		if m.facts.SelfAccepts() {
			boundaries[cur] = true
			continue
		}
		importers := g.importers[cur]
		if g.entries[cur] || len(importers) == 0 {
			v.Kind, v.Chain = VerdictRestart, chainTo(cur)
			break
		}
		for _, imp := range importers {
			if g.modules[imp].acceptsTarget(cur) {
				boundaries[imp] = true
				continue
			}
			if _, seen := parent[imp]; !seen {
				parent[imp] = cur
				queue = append(queue, imp)
			}
		}
	}
	if v.Kind == "" {
		v.Kind = VerdictHot
		for b := range boundaries {
			v.AcceptedBy = append(v.AcceptedBy, w.rel(b))
		}
		sort.Strings(v.AcceptedBy)
	}
	g.verdicts[path] = v
	return v
}

// reversed returns list in reverse order.
func reversed(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[len(list)-1-i] = s
	}
	return out
}

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

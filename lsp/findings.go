package lsp

import (
	"path/filepath"

	"github.com/hotswap/hotswap/hmr/analysis"
)

// findingsOf returns the analysis's findings about path, except that while the app runs and
// has loaded the file, its restart-required finding comes from the app's own graph, as the
// lenses, hints and hovers do: the running app may load modules the analysis cannot follow
// (computed imports) and knows which accept handlers it really registered.
func (f *folder) findingsOf(ws *analysis.Workspace, path string) []analysis.Finding {
	list := ws.Findings(path)
	g := f.liveGraph()
	path = f.canonical(path)
	if g == nil || g.Module(path) == nil {
		return list
	}
	out := make([]analysis.Finding, 0, len(list)+1)
	for _, finding := range list {
		if finding.Code != analysis.CodeRestartRequired {
			out = append(out, finding)
		}
	}
	if finding, ok := g.Verdict(path).RestartFinding(); ok {
		out = append(out, finding)
	}
	return out
}

// knownModules lists the entries, the graph's modules, the package.json files whose
// hotHook.boundaries the analysis read (their warnings belong in the editor too) and, while the
// app runs, the modules it loaded, each once.
func (f *folder) knownModules(ws *analysis.Workspace) []string {
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, e := range ws.Entries() {
		add(f.abs(e.Path))
	}
	for _, p := range ws.Modules() {
		add(p)
	}
	for _, p := range ws.ConfigFiles() {
		add(p)
	}
	if g := f.liveGraph(); g != nil {
		for _, m := range g.Modules() {
			add(f.canonical(filepath.Clean(m.Path)))
		}
	}
	return paths
}

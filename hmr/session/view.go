package session

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// Where a shown verdict comes from.
const (
	SourceStatic = "static"
	SourceLive   = "live"
)

// Verdict is a verdict with where it comes from: the running app's graph when the app has
// loaded the file, the static analysis otherwise.
type Verdict struct {
	analysis.Verdict
	Source string
}

// Verdict says what an edit to path does, preferring the running app's own graph.
func (f *Folder) Verdict(path string) Verdict {
	if g := f.Live(); g != nil && g.Module(path) != nil {
		return Verdict{g.Verdict(path), SourceLive}
	}
	if ws := f.Workspace(); ws != nil {
		return Verdict{ws.Verdict(path), SourceStatic}
	}
	return Verdict{analysis.Verdict{Path: f.Rel(path), Kind: analysis.VerdictNotInGraph}, SourceStatic}
}

// Summary is the one-line status of a verdict, as the code lens at the top of a file says it.
func (v Verdict) Summary() string {
	var text string
	switch v.Kind {
	case analysis.VerdictHot:
		if len(v.AcceptedBy) == 1 && v.AcceptedBy[0] == v.Path {
			text = "hot: accepts its own updates"
		} else {
			text = "hot: accepted by " + strings.Join(v.AcceptedBy, ", ")
		}
	case analysis.VerdictRestart:
		switch {
		case v.Declined != "":
			text = "restart: declined by " + v.Declined
		case len(v.Chain) <= 1:
			text = "restart: this is the entry, and it accepts no updates"
		case len(v.Chain) == 2:
			text = "restart: reaches " + v.Chain[1] + " directly"
		default:
			text = "restart: reaches " + v.Chain[len(v.Chain)-1] + " via " + strings.Join(v.Chain[1:len(v.Chain)-1], " -> ")
		}
	default:
		text = "not loaded: no entry imports this file"
	}
	return text + " (" + v.Source + ")"
}

// Findings returns the analysis's findings about path, except that while the app runs and
// has loaded the file, its restart-required finding comes from the app's own graph, as the
// verdicts do: the running app may load modules the analysis cannot follow (computed
// imports) and knows which accept handlers it really registered.
func (f *Folder) Findings(ws *analysis.Workspace, path string) []analysis.Finding {
	list := ws.Findings(path)
	g := f.Live()
	if g == nil || g.Module(path) == nil {
		return list
	}
	out := make([]analysis.Finding, 0, len(list)+1)
	for _, finding := range list {
		if finding.Code != analysis.CodeRestartRequired {
			out = append(out, finding)
		}
	}
	if finding, ok := ws.RestartFinding(g.Verdict(path)); ok {
		out = append(out, finding)
	}
	return out
}

// KnownModules lists the entries, the graph's modules, the package.json files whose
// hotHook.boundaries the analysis read (their warnings belong in the editor too) and, while
// the app runs, the modules it loaded, each once.
func (f *Folder) KnownModules(ws *analysis.Workspace) []string {
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	for _, e := range ws.Entries() {
		add(f.Abs(e.Path))
	}
	for _, p := range ws.Modules() {
		add(p)
	}
	for _, p := range ws.ConfigFiles() {
		add(p)
	}
	if g := f.Live(); g != nil {
		for _, m := range g.Modules() {
			add(f.canonical(m.Path))
		}
	}
	return paths
}

// AcceptedHere is the set of modules whose updates the file at path accepts.
func (f *Folder) AcceptedHere(path string) map[string]bool {
	me := f.Rel(path)
	accepted := map[string]bool{}
	for _, p := range f.modulePaths() {
		if slices.Contains(f.Verdict(p).AcceptedBy, me) {
			accepted[p] = true
		}
	}
	return accepted
}

// AcceptedCount counts the modules whose updates stop at this accept call of path: for a
// self-accept, every module whose update the file accepts (accepted, from AcceptedHere); for
// accept(deps), those among them that reach the file through one of the named dependencies.
func (f *Folder) AcceptedCount(path string, call facts.HotCall, accepted map[string]bool) int {
	if call.SelfAccept() {
		return len(accepted)
	}
	// A module whose update reaches a named dependency on its way here passes only through
	// modules whose updates also end here, so the walk down from each dependency stays inside
	// the accepted set.
	seen := map[string]bool{}
	var stack []string
	for _, spec := range call.Specifiers {
		if a, ok := f.AcceptOf(path, spec); ok && a.Err == nil && accepted[f.canonical(a.Path)] {
			stack = append(stack, f.canonical(a.Path))
		}
	}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[cur] || cur == path {
			continue
		}
		seen[cur] = true
		for _, dep := range f.dependencies(cur) {
			if accepted[dep] && !seen[dep] {
				stack = append(stack, dep)
			}
		}
	}
	return len(seen)
}

// modulePaths lists the modules shown: the running app's when it runs, else the analysis's.
func (f *Folder) modulePaths() []string {
	var out []string
	if g := f.Live(); g != nil {
		for _, m := range g.Modules() {
			out = append(out, filepath.Clean(m.Path))
		}
		return out
	}
	if ws := f.Workspace(); ws != nil {
		for _, v := range ws.Verdicts() {
			out = append(out, f.Abs(v.Path))
		}
	}
	return out
}

// dependencies lists the modules path imports: from the running app's graph when it has the
// module, else resolved from the analysis's facts.
func (f *Folder) dependencies(path string) []string {
	var out []string
	if g := f.Live(); g != nil {
		if m := g.Module(path); m != nil {
			for _, imp := range m.Imports {
				if imp.Path != "" {
					out = append(out, filepath.Clean(imp.Path))
				}
			}
			return out
		}
	}
	ws := f.Workspace()
	if ws == nil {
		return nil
	}
	for _, imp := range ws.Imports(path) {
		if imp.Err == nil && !imp.External {
			out = append(out, f.canonical(imp.Path))
		}
	}
	return out
}

// ImportOf finds the analysis's answer for one import of importer, by its range.
func (f *Folder) ImportOf(importer string, imp facts.Import) (analysis.ResolvedImport, bool) {
	if ws := f.Workspace(); ws != nil {
		for _, r := range ws.Imports(importer) {
			if r.Import.Range == imp.Range {
				return r, true
			}
		}
	}
	return analysis.ResolvedImport{}, false
}

// AcceptOf finds the analysis's answer for one accept specifier of importer, by its range.
func (f *Folder) AcceptOf(importer string, spec facts.Specifier) (analysis.ResolvedAccept, bool) {
	if ws := f.Workspace(); ws != nil {
		for _, a := range ws.Accepts(importer) {
			if a.Specifier.Range == spec.Range {
				return a, true
			}
		}
	}
	return analysis.ResolvedAccept{}, false
}

// DescribeImport says in Markdown where an import's specifier leads and what an edit there
// does.
func (f *Folder) DescribeImport(importer string, imp facts.Import) string {
	specifier := imp.Specifier
	res, ok := f.ImportOf(importer, imp)
	if !ok {
		return fmt.Sprintf("`%s`: %s is not analysed", specifier, f.Rel(importer))
	}
	switch {
	case res.Err != nil:
		return fmt.Sprintf("`%s` does not resolve: %s", specifier, firstLine(res.Err.Error()))
	case res.External:
		return fmt.Sprintf("`%s` is external (`%s`): Node loads it once, edits to it are never hot", specifier, res.Path)
	}
	v := f.Verdict(f.canonical(res.Path))
	if v.Kind == analysis.VerdictNotInGraph {
		return fmt.Sprintf("`%s` → `%s`: not loaded by the runtime (Node loads it), edits are never hot", specifier, f.Rel(res.Path))
	}
	return fmt.Sprintf("`%s` → `%s`\n\nAn edit to it: **%s**", specifier, v.Path, v.Summary())
}

// DescribeAccept says in Markdown which module an accept specifier names and whether the
// file imports it.
func (f *Folder) DescribeAccept(importer string, spec facts.Specifier) string {
	specifier := spec.Text
	res, ok := f.AcceptOf(importer, spec)
	if !ok {
		return fmt.Sprintf("accepts `%s`: %s is not analysed", specifier, f.Rel(importer))
	}
	if res.Err != nil {
		return fmt.Sprintf("accepts `%s`, which does not resolve: %s", specifier, firstLine(res.Err.Error()))
	}
	target := f.canonical(res.Path)
	imported := false
	if ws := f.Workspace(); ws != nil {
		for _, r := range ws.Imports(importer) {
			if r.Err == nil && f.canonical(r.Path) == target {
				imported = true
				break
			}
		}
	}
	if !imported {
		return fmt.Sprintf("accepts updates of `%s`, but this file does not import it: the accept takes nothing", f.Rel(target))
	}
	return fmt.Sprintf("accepts updates of `%s`: an edit to it re-runs the accept callback here instead of re-evaluating this file", f.Rel(target))
}

// firstLine cuts a message to its first line.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

package analysis

import (
	"fmt"
	"sort"
	"strings"
)

// GraphDump is the module graph with a verdict per module, shaped after hot-hook's
// hot.dump(): one record per module with its dependencies and dependents.
type GraphDump struct {
	Root    string       `json:"root"`
	Entries []Entry      `json:"entries"`
	Modules []ModuleDump `json:"modules"`
}

// ModuleDump is one module of a GraphDump. Paths are root-relative with forward slashes.
type ModuleDump struct {
	Path string `json:"path"`
	// Boundary is true when updates stop at this module: it accepts itself, or an importer
	// accepts it.
	Boundary bool `json:"boundary"`
	// Reloadable is true when an edit to this module is hot.
	Reloadable bool    `json:"reloadable"`
	Entry      bool    `json:"entry,omitempty"`
	Verdict    Verdict `json:"verdict"`
	// Dependencies are the participating modules this one imports, sorted.
	Dependencies []string `json:"dependencies"`
	// Dependents are the modules that import this one, sorted.
	Dependents []string `json:"dependents"`
	// External lists imports the runtime leaves to Node: builtins and packages.
	External []string `json:"external,omitempty"`
	// Accepts lists the dependencies this module accepts updates of.
	Accepts []string `json:"accepts,omitempty"`
}

// Graph dumps the module graph with every module's verdict, sorted by path.
func (w *Workspace) Graph() GraphDump {
	w.mu.Lock()
	defer w.mu.Unlock()
	g := w.graph
	dump := GraphDump{Root: w.root, Entries: append([]Entry(nil), w.entries...), Modules: []ModuleDump{}}
	for _, p := range w.modulePaths() {
		m := g.modules[p]
		v := w.verdict(p)
		d := ModuleDump{Path: m.rel, Reloadable: v.Kind == VerdictHot, Entry: g.entries[p], Verdict: v,
			Dependencies: []string{}, Dependents: []string{}}
		d.Boundary = m.facts.SelfAccepts()
		seen := map[string]bool{}
		for _, e := range m.edges {
			switch {
			case e.target != "" && !seen[e.target]:
				seen[e.target] = true
				d.Dependencies = append(d.Dependencies, w.rel(e.target))
			case e.external && !seen[e.imp.Specifier]:
				seen[e.imp.Specifier] = true
				d.External = append(d.External, e.imp.Specifier)
			}
			if e.target != "" && m.acceptsTarget(e.target) && !seen["accept:"+e.target] {
				seen["accept:"+e.target] = true
				d.Accepts = append(d.Accepts, w.rel(e.target))
			}
		}
		for _, imp := range g.importers[p] {
			d.Dependents = append(d.Dependents, w.rel(imp))
			if g.modules[imp].acceptsTarget(p) {
				d.Boundary = true
			}
		}
		sort.Strings(d.Dependencies)
		sort.Strings(d.External)
		sort.Strings(d.Accepts)
		dump.Modules = append(dump.Modules, d)
	}
	return dump
}

// DOT renders the graph for Graphviz: hot modules green, restart modules red, entries boxed
// and accepted edges bold.
func (d GraphDump) DOT() string {
	var b strings.Builder
	b.WriteString("digraph hotswap {\n  rankdir=LR;\n  node [shape=ellipse, style=filled, fontname=\"sans-serif\"];\n")
	for _, m := range d.Modules {
		color := "#f4b6b6"
		if m.Reloadable {
			color = "#b9e4b0"
		}
		shape := "ellipse"
		if m.Entry {
			shape = "box"
		}
		fmt.Fprintf(&b, "  %q [fillcolor=%q, shape=%s, tooltip=%q];\n", m.Path, color, shape, string(m.Verdict.Kind))
	}
	for _, m := range d.Modules {
		accepted := map[string]bool{}
		for _, a := range m.Accepts {
			accepted[a] = true
		}
		for _, dep := range m.Dependencies {
			attrs := ""
			if accepted[dep] {
				attrs = " [style=bold, label=\"accepts\"]"
			}
			fmt.Fprintf(&b, "  %q -> %q%s;\n", m.Path, dep, attrs)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

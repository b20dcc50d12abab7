package session

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis"
)

// Explanation is Explanation of lsp/events.d.ts: the answer of hotswap.explain.
type Explanation struct {
	analysis.Verdict
	Source   string `json:"source"`
	Markdown string `json:"markdown"`
}

// Explain says in words why an edit to path is hot or restarts the app.
func (f *Folder) Explain(path string) Explanation {
	v := f.Verdict(path)
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n", v.Path, v.Summary())
	switch v.Kind {
	case analysis.VerdictHot:
		fmt.Fprintf(&b, "An edit re-evaluates %s and the modules between it and %s, whose accept handlers take the new version; the rest of the app keeps running.", v.Path, strings.Join(v.AcceptedBy, ", "))
	case analysis.VerdictRestart:
		if v.Declined != "" {
			fmt.Fprintf(&b, "%s calls import.meta.hot.decline(), so the update stops there: %s.", v.Declined, strings.Join(v.Chain, " -> "))
		} else {
			fmt.Fprintf(&b, "No module on the way accepts the update: %s. Add import.meta.hot.accept() to one of them to make it hot.", strings.Join(v.Chain, " -> "))
		}
	default:
		b.WriteString("No entry imports this file, so the running app never loads it.")
	}
	if v.Source == SourceLive {
		b.WriteString("\n\n(from the running app's own graph)")
	} else {
		b.WriteString("\n\n(predicted by the static analysis)")
	}
	return Explanation{Verdict: v.Verdict, Source: v.Source, Markdown: b.String()}
}

// GraphModule is GraphModule of lsp/events.d.ts.
type GraphModule struct {
	Path         string   `json:"path"`
	Verdict      string   `json:"verdict"`
	AcceptedBy   []string `json:"acceptedBy,omitempty"`
	Chain        []string `json:"chain,omitempty"`
	Entry        bool     `json:"entry,omitempty"`
	Dependencies []string `json:"dependencies"`
	Dependents   []string `json:"dependents"`
	Accepts      []string `json:"accepts,omitempty"`
	SelfAccept   bool     `json:"selfAccept"`
}

// GraphView is GraphView of lsp/events.d.ts: the answer of hotswap.showGraph.
type GraphView struct {
	Folder  string        `json:"folder"`
	Source  string        `json:"source"`
	Entries []string      `json:"entries"`
	Modules []GraphModule `json:"modules"`
	DOT     string        `json:"dot"`
}

// GraphView is the running app's graph while it runs, else the analysis's.
func (f *Folder) GraphView() GraphView {
	view := GraphView{Folder: f.ID, Source: SourceStatic, Entries: []string{}, Modules: []GraphModule{}}
	ws := f.Workspace()
	if ws == nil {
		return view
	}
	dump := ws.Graph()
	// One read of the live graph serves the whole view, so a graph the app reports meanwhile
	// cannot mix into it.
	g := f.Live()
	if g != nil {
		view.Source = SourceLive
		view.Entries = []string{f.Rel(g.Entry())}
		dump.Modules = dump.Modules[:0]
		for _, m := range g.Modules() {
			v := g.Verdict(m.Path)
			d := analysis.ModuleDump{Path: f.Rel(m.Path), Verdict: v, Reloadable: v.Kind == analysis.VerdictHot,
				Entry: f.canonical(m.Path) == f.canonical(g.Entry()), Boundary: m.SelfAccept, Dependencies: []string{}, Dependents: []string{}}
			for _, imp := range m.Imports {
				if imp.Path != "" {
					d.Dependencies = append(d.Dependencies, f.Rel(imp.Path))
				}
			}
			for _, imp := range m.Importers {
				d.Dependents = append(d.Dependents, f.Rel(imp))
			}
			for _, acc := range m.Accepts {
				d.Accepts = append(d.Accepts, f.Rel(acc))
			}
			sort.Strings(d.Dependencies)
			sort.Strings(d.Dependents)
			dump.Modules = append(dump.Modules, d)
		}
	} else {
		for _, e := range dump.Entries {
			view.Entries = append(view.Entries, e.Path)
		}
	}
	view.Modules = moduleViews(dump, func(rel string) bool {
		if g != nil {
			if lm := g.Module(f.Abs(rel)); lm != nil {
				return lm.SelfAccept
			}
		}
		fa := ws.Facts(f.Abs(rel))
		return fa != nil && fa.SelfAccepts()
	})
	view.DOT = dump.DOT()
	return view
}

// StaticGraphView is the analysis's graph of ws as the editor's graph view has it, for
// `hotswap graph --html`; folder names it (a file URL).
func StaticGraphView(folder string, ws *analysis.Workspace) GraphView {
	dump := ws.Graph()
	view := GraphView{Folder: folder, Source: SourceStatic, Entries: []string{}, DOT: dump.DOT()}
	for _, e := range dump.Entries {
		view.Entries = append(view.Entries, e.Path)
	}
	view.Modules = moduleViews(dump, func(rel string) bool {
		fa := ws.Facts(filepath.Join(ws.Root(), filepath.FromSlash(rel)))
		return fa != nil && fa.SelfAccepts()
	})
	return view
}

// moduleViews turns the dump's modules into the view's; selfAccepts answers for a module by its
// path relative to the folder.
func moduleViews(dump analysis.GraphDump, selfAccepts func(rel string) bool) []GraphModule {
	modules := []GraphModule{}
	for _, m := range dump.Modules {
		modules = append(modules, GraphModule{Path: m.Path, Verdict: string(m.Verdict.Kind), AcceptedBy: m.Verdict.AcceptedBy,
			Chain: m.Verdict.Chain, Entry: m.Entry, Dependencies: m.Dependencies, Dependents: m.Dependents, Accepts: m.Accepts,
			SelfAccept: selfAccepts(m.Path)})
	}
	return modules
}

package analysis

import (
	"path/filepath"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// ResolvedImport is one literal import of a module and where it leads, as the analysis
// resolved it.
type ResolvedImport struct {
	Import facts.Import
	// Path is the resolved file, absolute, or a builtin's or package's name when External.
	// A file the runtime does not load (a .cjs file) has its path here and is not External.
	Path string
	// External is set for builtins and packages.
	External bool
	// Err says why the specifier does not resolve; Path is empty then.
	Err error
}

// ResolvedAccept is one specifier an accept call names and where it leads.
type ResolvedAccept struct {
	Specifier facts.Specifier
	Path      string
	External  bool
	Err       error
}

// Imports lists the literal imports of a module of the graph with their resolved targets,
// in source order, or nil for a file outside the graph. Nothing is resolved again: the
// answers are those the graph was built from.
func (w *Workspace) Imports(path string) []ResolvedImport {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := w.graph.modules[w.abs(path)]
	if m == nil {
		return nil
	}
	out := make([]ResolvedImport, 0, len(m.edges))
	for _, e := range m.edges {
		if e.imp.Literal {
			out = append(out, ResolvedImport{Import: e.imp, Path: e.resolved, External: e.pkg, Err: e.err})
		}
	}
	return out
}

// Accepts lists the specifiers the accept calls of a module of the graph name, with their
// resolved targets, in source order, or nil for a file outside the graph.
func (w *Workspace) Accepts(path string) []ResolvedAccept {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := w.graph.modules[w.abs(path)]
	if m == nil {
		return nil
	}
	out := make([]ResolvedAccept, 0, len(m.accepts))
	for _, a := range m.accepts {
		out = append(out, ResolvedAccept{Specifier: a.spec, Path: a.resolved, External: a.pkg, Err: a.err})
	}
	return out
}

// Modules lists the absolute paths of the graph's modules, sorted by relative path. Unlike
// Verdicts it computes no verdict, so it costs one pass over the graph.
func (w *Workspace) Modules() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	paths := w.modulePaths()
	for i, p := range paths {
		paths[i] = filepath.Clean(p)
	}
	return paths
}

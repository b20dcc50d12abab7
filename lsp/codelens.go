package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// codeLens puts the file's verdict at its top and, on each accept call, how many modules'
// updates that call takes.
func (s *Server) codeLens(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.CodeLensParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	lenses := []protocol.CodeLens{}
	path := pathOf(p.TextDocument.URI)
	f := s.folderOf(path)
	if f == nil || !s.currentSettings().CodeLens.on() {
		return lenses, nil
	}
	ws := f.workspace()
	if ws == nil {
		return lenses, nil
	}
	arg, err := json.Marshal(commandArgs{URI: string(p.TextDocument.URI)})
	if err != nil {
		return nil, err
	}
	explain := func(title string) protocol.Command {
		return protocol.Command{Title: title, Command: cmdExplain, Arguments: []protocol.LSPAny{arg}}
	}
	v := f.verdictOf(path)
	lenses = append(lenses, protocol.CodeLens{Command: explain(v.summary())})
	fa := ws.Facts(f.canonical(path))
	if fa == nil {
		return lenses, nil
	}
	_, lines, err := s.textOf(f, path)
	if err != nil {
		return lenses, nil
	}
	// Which modules' updates this file takes is the same for every accept call in it.
	accepted := f.acceptedHere(path)
	for _, call := range fa.Calls(facts.HotAccept) {
		n := f.acceptedCount(path, call, accepted)
		lenses = append(lenses, protocol.CodeLens{
			Range:   lspRange(lines, call.Range),
			Command: explain(fmt.Sprintf("accepts updates from %s (%s)", plural(n, "module"), v.Source)),
		})
	}
	return lenses, nil
}

// acceptedHere is the set of modules whose updates the file at path accepts.
func (f *folder) acceptedHere(path string) map[string]bool {
	me := f.rel(f.canonical(path))
	accepted := map[string]bool{}
	for _, p := range f.modulePaths() {
		if slices.Contains(f.verdictOf(p).AcceptedBy, me) {
			accepted[p] = true
		}
	}
	return accepted
}

// acceptedCount counts the modules whose updates stop at this accept call: for a self-accept,
// every module whose update this file accepts (accepted, from acceptedHere); for accept(deps),
// those among them that reach this file through one of the named dependencies.
func (f *folder) acceptedCount(path string, call facts.HotCall, accepted map[string]bool) int {
	path = f.canonical(path)
	if call.SelfAccept() {
		return len(accepted)
	}
	// A module whose update reaches a named dependency on its way here passes only through
	// modules whose updates also end here, so the walk down from each dependency stays inside
	// the accepted set.
	seen := map[string]bool{}
	var stack []string
	for _, spec := range call.Specifiers {
		if a, ok := f.acceptOf(path, spec); ok && a.Err == nil && accepted[f.canonical(a.Path)] {
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
func (f *folder) modulePaths() []string {
	var out []string
	if g := f.liveGraph(); g != nil {
		for _, m := range g.Modules() {
			out = append(out, filepath.Clean(m.Path))
		}
		return out
	}
	if ws := f.workspace(); ws != nil {
		for _, v := range ws.Verdicts() {
			out = append(out, f.abs(v.Path))
		}
	}
	return out
}

// dependencies lists the modules path imports (absolute): from the running app's graph when
// it has the module, else resolved from the analysis's facts.
func (f *folder) dependencies(path string) []string {
	var out []string
	if g := f.liveGraph(); g != nil {
		if m := g.Module(path); m != nil {
			for _, imp := range m.Imports {
				if imp.Path != "" {
					out = append(out, filepath.Clean(imp.Path))
				}
			}
			return out
		}
	}
	ws := f.workspace()
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

// plural writes a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// hover explains an import specifier (where it leads, what an edit there does) or an accept
// specifier (which module it accepts, and whether the file imports it).
func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	path := pathOf(p.TextDocument.URI)
	f := s.folderOf(path)
	if f == nil || !s.currentSettings().Hover.on() {
		return nil, nil
	}
	ws := f.workspace()
	if ws == nil {
		return nil, nil
	}
	fa := ws.Facts(f.canonical(path))
	if fa == nil {
		return nil, nil
	}
	_, lines, err := s.textOf(f, path)
	if err != nil {
		return nil, nil
	}
	answer := func(r facts.Range, text string) *protocol.Hover {
		rng := lspRange(lines, r)
		return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}, Range: &rng}
	}
	for _, imp := range fa.Imports {
		if imp.Literal && rangeContains(lines, imp.Range, p.Position) {
			return answer(imp.Range, f.describeImport(path, imp)), nil
		}
	}
	for _, call := range fa.Calls(facts.HotAccept) {
		for _, spec := range call.Specifiers {
			if rangeContains(lines, spec.Range, p.Position) {
				return answer(spec.Range, f.describeAccept(path, spec)), nil
			}
		}
	}
	return nil, nil
}

// describeImport says where a specifier leads and what an edit there does.
func (f *folder) describeImport(importer string, imp facts.Import) string {
	specifier := imp.Specifier
	res, ok := f.importOf(importer, imp)
	if !ok {
		return fmt.Sprintf("`%s`: %s is not analysed", specifier, f.rel(importer))
	}
	switch {
	case res.Err != nil:
		return fmt.Sprintf("`%s` does not resolve: %s", specifier, firstLine(res.Err.Error()))
	case res.External:
		return fmt.Sprintf("`%s` is external (`%s`): Node loads it once, edits to it are never hot", specifier, res.Path)
	}
	v := f.verdictOf(res.Path)
	if v.Kind == analysis.VerdictNotInGraph {
		return fmt.Sprintf("`%s` → `%s`: not loaded by the runtime (Node loads it), edits are never hot", specifier, f.rel(res.Path))
	}
	return fmt.Sprintf("`%s` → `%s`\n\nAn edit to it: **%s**", specifier, v.Path, v.summary())
}

// describeAccept says which module an accept specifier names and whether this file imports it.
func (f *folder) describeAccept(importer string, spec facts.Specifier) string {
	specifier := spec.Text
	res, ok := f.acceptOf(importer, spec)
	if !ok {
		return fmt.Sprintf("accepts `%s`: %s is not analysed", specifier, f.rel(importer))
	}
	if res.Err != nil {
		return fmt.Sprintf("accepts `%s`, which does not resolve: %s", specifier, firstLine(res.Err.Error()))
	}
	target := f.canonical(res.Path)
	imported := false
	if ws := f.workspace(); ws != nil {
		for _, r := range ws.Imports(f.canonical(importer)) {
			if r.Err == nil && f.canonical(r.Path) == target {
				imported = true
				break
			}
		}
	}
	if !imported {
		return fmt.Sprintf("accepts updates of `%s`, but this file does not import it: the accept takes nothing", f.rel(target))
	}
	return fmt.Sprintf("accepts updates of `%s`: an edit to it re-runs the accept callback here instead of re-evaluating this file", f.rel(target))
}

// firstLine cuts a message to its first line.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

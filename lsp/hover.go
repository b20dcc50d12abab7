package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// hover explains an import specifier (where it leads, what an edit there does) or an accept
// specifier (which module it accepts, and whether the file imports it).
func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	f, path, ws, ok := s.analysed(p.TextDocument.URI, s.currentSettings().Hover.on())
	if !ok {
		return nil, nil
	}
	fa := ws.Facts(path)
	if fa == nil {
		return nil, nil
	}
	lines, err := s.textOf(f, path)
	if err != nil {
		return nil, nil
	}
	answer := func(r facts.Range, text string) *protocol.Hover {
		rng := lspRange(lines, r)
		return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}, Range: &rng}
	}
	for _, imp := range fa.Imports {
		if imp.Literal && rangeContains(lines, imp.Range, p.Position) {
			return answer(imp.Range, f.DescribeImport(path, imp)), nil
		}
	}
	for _, call := range fa.Calls(facts.HotAccept) {
		for _, spec := range call.Specifiers {
			if rangeContains(lines, spec.Range, p.Position) {
				return answer(spec.Range, f.DescribeAccept(path, spec)), nil
			}
		}
	}
	return nil, nil
}

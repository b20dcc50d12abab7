package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/analysis"
)

// inlayHint shows, after each import's specifier, what an edit to the imported module does:
// hot, restart or external.
func (s *Server) inlayHint(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.InlayHintParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	hints := []protocol.InlayHint{}
	f, path, ws, ok := s.analysed(p.TextDocument.URI, s.currentSettings().InlayHints.on())
	if !ok {
		return hints, nil
	}
	imports := ws.Imports(path)
	if imports == nil {
		return hints, nil
	}
	lines, err := s.textOf(f, path)
	if err != nil {
		return hints, nil
	}
	for _, res := range imports {
		rng := lspRange(lines, res.Import.Range)
		if rng.End.Line < p.Range.Start.Line || rng.End.Line > p.Range.End.Line {
			continue
		}
		if res.Err != nil {
			continue // The unresolved-import diagnostic says it.
		}
		label, tooltip := "external", "Node loads it once; edits to it are never hot"
		if !res.External {
			if v := f.Verdict(res.Path); v.Kind != analysis.VerdictNotInGraph {
				label, tooltip = string(v.Kind), v.Summary()
			}
		}
		hints = append(hints, protocol.InlayHint{Position: rng.End, Label: protocol.String(label), Tooltip: protocol.String(tooltip), PaddingLeft: ptr(true)})
	}
	return hints, nil
}

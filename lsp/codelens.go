package lsp

import (
	"context"
	"encoding/json"
	"fmt"

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
	f, path, ws, ok := s.analysed(p.TextDocument.URI, s.currentSettings().CodeLens.on())
	if !ok {
		return lenses, nil
	}
	arg, err := json.Marshal(commandArgs{URI: string(p.TextDocument.URI)})
	if err != nil {
		return nil, err
	}
	explain := func(title string) protocol.Command {
		return protocol.Command{Title: title, Command: cmdExplain, Arguments: []protocol.LSPAny{arg}}
	}
	v := f.Verdict(path)
	lenses = append(lenses, protocol.CodeLens{Command: explain(v.Summary())})
	fa := ws.Facts(path)
	if fa == nil {
		return lenses, nil
	}
	lines, err := s.textOf(f, path)
	if err != nil {
		return lenses, nil
	}
	// Which modules' updates this file takes is the same for every accept call in it.
	accepted := f.AcceptedHere(path)
	for _, call := range fa.Calls(facts.HotAccept) {
		n := f.AcceptedCount(path, call, accepted)
		lenses = append(lenses, protocol.CodeLens{
			Range:   lspRange(lines, call.Range),
			Command: explain(fmt.Sprintf("accepts updates from %s (%s)", plural(n, "module"), v.Source)),
		})
	}
	return lenses, nil
}

// plural writes a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

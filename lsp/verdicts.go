package lsp

import (
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis"
)

// Where a shown verdict comes from.
const (
	sourceStatic = "static"
	sourceLive   = "live"
)

// shownVerdict is a verdict with where it comes from: the running app's graph when the app
// has loaded the file, the static analysis otherwise.
type shownVerdict struct {
	analysis.Verdict
	Source string
}

// verdictOf says what an edit to path does, preferring the running app's own graph.
func (f *folder) verdictOf(path string) shownVerdict {
	path = f.canonical(path)
	if g := f.liveGraph(); g != nil && g.Module(path) != nil {
		return shownVerdict{g.Verdict(path), sourceLive}
	}
	if ws := f.workspace(); ws != nil {
		return shownVerdict{ws.Verdict(path), sourceStatic}
	}
	return shownVerdict{analysis.Verdict{Path: f.rel(path), Kind: analysis.VerdictNotInGraph}, sourceStatic}
}

// summary is the one-line status of a verdict, as the code lens at the top of a file says it.
func (v shownVerdict) summary() string {
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

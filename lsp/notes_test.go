package lsp

import (
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/analysis"
)

// The editor's related information is the findings' notes: for every restart-required finding
// that `hotswap check --json` prints (AllFindings), the diagnostic the server publishes lists
// the same places with the same messages, in the same order.
func TestRelatedInformationIsTheNotesOfCheck(t *testing.T) {
	c := startServer(t, "basic", clientOptions{})
	c.awaitDiagnostics(0, "src/server.ts", func(d []protocol.Diagnostic) bool { return len(d) > 0 })
	published := c.latestDiagnostics()
	ws, err := analysis.Open(analysis.OSFS{}, c.root, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	compared := 0
	for _, finding := range ws.AllFindings() {
		if finding.Code != analysis.CodeRestartRequired || len(finding.Notes) == 0 {
			continue
		}
		var diag *protocol.Diagnostic
		for i, d := range published[finding.Path] {
			if d.Code == protocol.String(finding.Code) {
				diag = &published[finding.Path][i]
			}
		}
		if diag == nil {
			t.Errorf("%s: no restart diagnostic published", finding.Path)
			continue
		}
		if len(diag.RelatedInformation) != len(finding.Notes) {
			t.Errorf("%s: %d related locations, %d notes", finding.Path, len(diag.RelatedInformation), len(finding.Notes))
			continue
		}
		for i, note := range finding.Notes {
			rel := diag.RelatedInformation[i]
			got, _ := filepath.Rel(c.root, filepath.Clean(rel.Location.URI.FsPath()))
			// The fixture is ASCII, so byte columns are UTF-16 columns.
			if filepath.ToSlash(got) != note.Path || rel.Message != note.Message ||
				int(rel.Location.Range.Start.Line) != note.Range.Start.Line || int(rel.Location.Range.Start.Character) != note.Range.Start.Column ||
				int(rel.Location.Range.End.Line) != note.Range.End.Line || int(rel.Location.Range.End.Character) != note.Range.End.Column {
				t.Errorf("%s note %d: editor %s %+v %q, check %+v", finding.Path, i, got, rel.Location.Range, rel.Message, note)
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("the fixture has no restart finding with notes to compare")
	}
	t.Logf("%d notes compared", compared)
}

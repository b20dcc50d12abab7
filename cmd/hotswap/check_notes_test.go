package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// `check --json` prints each restart finding's notes: one per importer on the chain, at the
// import that leads on (the editor shows the same places as related information; see
// lsp.TestRelatedInformationIsTheNotesOfCheck).
func TestCheckJSONPrintsNotes(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "lsp", "app")
	var stdout, stderr bytes.Buffer
	runCheck([]string{dir, "--json"}, &stdout, &stderr)
	var report struct {
		Findings []struct {
			Path  string   `json:"path"`
			Code  string   `json:"code"`
			Chain []string `json:"chain"`
			Notes []struct {
				Path  string `json:"path"`
				Range struct {
					Start struct{ Line, Column int } `json:"start"`
				} `json:"range"`
				Message string `json:"message"`
			} `json:"notes"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, stdout.String())
	}
	for _, f := range report.Findings {
		if f.Path != "src/config.ts" || f.Code != "hotswap/restart-required" {
			continue
		}
		if strings.Join(f.Chain, " ") != "src/config.ts src/main.ts" || len(f.Notes) != 1 {
			t.Fatalf("config.ts's restart: %+v", f)
		}
		n := f.Notes[0]
		// main.ts imports config.ts on its seventh line (zero-based 6).
		if n.Path != "src/main.ts" || n.Range.Start.Line != 6 || n.Message != "entry src/main.ts imports src/config.ts and accepts no update of it" {
			t.Errorf("note: %+v", n)
		}
		return
	}
	t.Fatalf("no restart finding for src/config.ts in %s", stdout.String())
}

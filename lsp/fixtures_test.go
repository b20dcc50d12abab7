package lsp

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// update rewrites the golden files of testdata/lsp from what the server answers now.
var update = flag.Bool("update", false, "rewrite testdata/lsp/*.golden")

// hoverMarker precedes, in fixture sources, a specifier to hover over.
var hoverMarker = regexp.MustCompile(`/\*@hover\*/`)

// TestFixtures opens every file of each fixture project and compares what the server says
// about it (diagnostics, code lenses, inlay hints, hovers at the markers) with the golden file.
func TestFixtures(t *testing.T) {
	for _, name := range []string{"basic"} {
		t.Run(name, func(t *testing.T) {
			c := startServer(t, name, clientOptions{})
			files := sourceFiles(t, c.root)
			// Diagnostics of the whole folder come after the first analysis, unopened files
			// included, in path order: server.ts is the last file with findings.
			c.awaitDiagnostics(0, "src/server.ts", func(d []protocol.Diagnostic) bool { return len(d) > 0 })
			var b strings.Builder
			b.WriteString("== diagnostics after the first analysis\n")
			renderDiagnostics(&b, c.latestDiagnostics())
			for _, rel := range files {
				text := c.open(rel)
				fmt.Fprintf(&b, "\n== %s\n", rel)
				for _, lens := range c.codeLenses(rel) {
					fmt.Fprintf(&b, "lens %s\n", lens)
				}
				var hints []protocol.InlayHint
				c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": c.uri(rel)},
					"range": protocol.Range{End: protocol.Position{Line: 1000}}}, &hints)
				for _, h := range hints {
					fmt.Fprintf(&b, "hint %s %s (%s)\n", formatPos(h.Position), h.Label, h.Tooltip)
				}
				for _, pos := range markerPositions(text) {
					var h *protocol.Hover
					c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": c.uri(rel)}, "position": pos}, &h)
					if h == nil {
						fmt.Fprintf(&b, "hover %s: none\n", formatPos(pos))
						continue
					}
					fmt.Fprintf(&b, "hover %s [%s]: %s\n", formatPos(pos), formatRange(*h.Range), strings.ReplaceAll(hoverText(h), "\n", `\n`))
				}
			}
			compareGolden(t, filepath.Join("..", "testdata", "lsp", name+".golden"), b.String())
		})
	}
}

// sourceFiles lists a project's .ts and .js files, relative and sorted.
func sourceFiles(t *testing.T, root string) []string {
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); ext == ".ts" || ext == ".js" {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// markerPositions returns, for each hover marker, the position just inside the specifier that
// follows it (UTF-16 columns, as the LSP counts them).
func markerPositions(text string) []protocol.Position {
	var out []protocol.Position
	for _, loc := range hoverMarker.FindAllStringIndex(text, -1) {
		before := text[:loc[1]]
		line := strings.Count(before, "\n")
		lineStart := strings.LastIndex(before, "\n") + 1
		col := len(utf16Units(before[lineStart:])) + 2
		out = append(out, protocol.Position{Line: uint32(line), Character: uint32(col)})
	}
	return out
}

// utf16Units encodes s as UTF-16 code units, to count columns as the LSP does.
func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

// renderDiagnostics writes every file's diagnostics, one per line, files sorted.
func renderDiagnostics(b *strings.Builder, byFile map[string][]protocol.Diagnostic) {
	var files []string
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		for _, d := range byFile[f] {
			fmt.Fprintf(b, "%s %s %s %v [%s]: %s\n", f, formatRange(d.Range), severityNames[d.Severity], diagCode(d), diagSource(d), diagMessage(d))
			for _, r := range d.RelatedInformation {
				rel := strings.TrimPrefix(string(r.Location.URI), "file://")
				fmt.Fprintf(b, "  related %s %s: %s\n", filepath.Base(rel), formatRange(r.Location.Range), r.Message)
			}
		}
	}
}

func formatPos(p protocol.Position) string { return fmt.Sprintf("%d:%d", p.Line, p.Character) }

func formatRange(r protocol.Range) string { return formatPos(r.Start) + "-" + formatPos(r.End) }

// compareGolden compares got with a golden file, or rewrites it under -update.
func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./lsp -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from what the server says (go test ./lsp -update rewrites it):\n--- want\n%s\n--- got\n%s", file, want, got)
	}
}

// severityNames are the names the golden files give severities.
var severityNames = map[protocol.DiagnosticSeverity]string{
	protocol.DiagnosticSeverityError:       "Error",
	protocol.DiagnosticSeverityWarning:     "Warning",
	protocol.DiagnosticSeverityInformation: "Information",
	protocol.DiagnosticSeverityHint:        "Hint",
}

// hoverText is a hover's markdown or plain text.
func hoverText(h *protocol.Hover) string {
	switch c := h.Contents.(type) {
	case *protocol.MarkupContent:
		return c.Value
	case protocol.String:
		return string(c)
	}
	return fmt.Sprintf("%v", h.Contents)
}

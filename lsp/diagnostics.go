package lsp

import (
	"encoding/json"
	"path/filepath"
	"sort"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// severities maps the analysis's severities onto the LSP's.
var severities = map[analysis.Severity]protocol.DiagnosticSeverity{
	analysis.SeverityError:       protocol.DiagnosticSeverityError,
	analysis.SeverityWarning:     protocol.DiagnosticSeverityWarning,
	analysis.SeverityInformation: protocol.DiagnosticSeverityInformation,
}

// publishFolder sends the diagnostics of every file whose diagnostics changed since they were
// last sent: the analysis's findings plus the app's failed-update errors. first, when set, is
// sent before the others, since it is the file being edited.
func (s *Server) publishFolder(f *folder, first string) {
	ws := f.workspace()
	byPath := map[string][]protocol.Diagnostic{}
	if ws != nil {
		for _, finding := range ws.AllFindings() {
			path := f.abs(finding.Path)
			byPath[path] = append(byPath[path], s.diagnostic(f, path, finding))
		}
	}
	f.mu.Lock()
	for path, list := range f.runDiags {
		byPath[path] = append(byPath[path], list...)
	}
	for path := range f.published {
		if _, ok := byPath[path]; !ok {
			byPath[path] = nil
		}
	}
	var send []string
	encoded := map[string]string{}
	for path, list := range byPath {
		data, _ := json.Marshal(list)
		if f.published[path] != string(data) {
			send = append(send, path)
			encoded[path] = string(data)
		}
	}
	for _, path := range send {
		if byPath[path] == nil {
			delete(f.published, path)
		} else {
			f.published[path] = encoded[path]
		}
	}
	f.mu.Unlock()
	sort.Slice(send, func(i, j int) bool {
		if (send[i] == first) != (send[j] == first) {
			return send[i] == first
		}
		return send[i] < send[j]
	})
	for _, path := range send {
		list := byPath[path]
		if list == nil {
			list = []protocol.Diagnostic{}
		}
		s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
			URI: s.uriOf(f, path), Diagnostics: list,
		})
	}
}

// clearDiagnostics empties every file's diagnostics of a folder that goes away.
func (s *Server) clearDiagnostics(f *folder) {
	f.mu.Lock()
	paths := make([]string, 0, len(f.published))
	for p := range f.published {
		paths = append(paths, p)
	}
	f.published = map[string]string{}
	f.mu.Unlock()
	for _, p := range paths {
		s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: s.uriOf(f, p), Diagnostics: []protocol.Diagnostic{}})
	}
}

// uriOf is the URI the client knows a file by: that of its open buffer, else built from the
// path under the folder as the client named it.
func (s *Server) uriOf(f *folder, path string) protocol.DocumentURI {
	if doc := s.documentAt(path); doc != nil {
		return doc.uri
	}
	if f.dir != f.root {
		if r, err := f.relToRoot(path); err == nil {
			path = filepath.Join(f.dir, r)
		}
	}
	return protocol.DocumentURI(uri.File(path))
}

// diagnostic converts one finding. A restart-required finding lists the chain to the entry
// as related information, one location per module at the import that leads on.
func (s *Server) diagnostic(f *folder, path string, finding analysis.Finding) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Severity: severities[finding.Severity],
		Code:     string(finding.Code),
		Source:   "hotswap",
		Message:  finding.Message,
	}
	if finding.Range != (facts.Range{}) {
		if _, lines, err := s.textOf(f, path); err == nil {
			d.Range = lspRange(lines, finding.Range)
		}
	}
	for i := 1; i < len(finding.Chain); i++ {
		importer := f.abs(finding.Chain[i])
		imported := f.abs(finding.Chain[i-1])
		msg := "imported by " + finding.Chain[i]
		if i == len(finding.Chain)-1 {
			msg = "entry " + finding.Chain[i] + " imports " + finding.Chain[i-1] + " and accepts no update of it"
		} else {
			msg = finding.Chain[i] + " imports " + finding.Chain[i-1] + " and accepts no update of it"
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: s.uriOf(f, importer), Range: s.importRange(f, importer, imported)},
			Message:  msg,
		})
	}
	return d
}

// importRange finds where importer imports target; the file's start when it cannot tell.
func (s *Server) importRange(f *folder, importer, target string) protocol.Range {
	ws := f.workspace()
	if ws == nil {
		return protocol.Range{}
	}
	fa := ws.Facts(importer)
	if fa == nil {
		return protocol.Range{}
	}
	for _, imp := range fa.Imports {
		if !imp.Literal {
			continue
		}
		if res := f.resolveImport(importer, imp.Specifier); res.Err == nil && f.canonical(res.Path) == target {
			if _, lines, err := s.textOf(f, importer); err == nil {
				return lspRange(lines, imp.Range)
			}
		}
	}
	return protocol.Range{}
}

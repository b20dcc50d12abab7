package lsp

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"time"

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
// the file being edited: its diagnostics are computed and sent at once, and the rest of the
// folder follows in the background once the edits pause for backgroundDelay, so typing in a
// large workspace stays quick (as gopls does for other packages). A newer call abandons an
// older background pass.
func (s *Server) publishFolder(f *folder, first string) {
	f.mu.Lock()
	f.generation++
	gen := f.generation
	f.mu.Unlock()
	if first == "" {
		s.publishAll(f, gen)
		return
	}
	ws := f.workspace()
	var list []protocol.Diagnostic
	if ws != nil {
		for _, finding := range f.findingsOf(ws, first) {
			list = append(list, s.diagnostic(f, first, finding))
		}
	}
	f.sendMu.Lock()
	f.mu.Lock()
	list = append(list, f.runDiags[first]...)
	send := f.record(first, list)
	f.mu.Unlock()
	if send {
		s.sendDiagnostics(f, first, list)
	}
	f.sendMu.Unlock()
	f.mu.Lock()
	if f.background != nil {
		f.background.Stop()
	}
	f.background = time.AfterFunc(backgroundDelay, func() {
		f.mu.Lock()
		current := f.generation
		f.mu.Unlock()
		s.publishAll(f, current)
	})
	f.mu.Unlock()
}

// backgroundDelay is the pause in editing after which the whole folder's diagnostics are
// brought up to date.
const backgroundDelay = 250 * time.Millisecond

// supersede makes any running background pass stop.
func (f *folder) supersede() {
	f.mu.Lock()
	f.generation++
	f.mu.Unlock()
}

// superseded reports whether a newer publishing pass has begun.
func (f *folder) superseded(gen int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.generation != gen
}

// publishAll sends every changed file's diagnostics, unless a newer pass has begun.
func (s *Server) publishAll(f *folder, gen int) {
	ws := f.workspace()
	byPath := map[string][]protocol.Diagnostic{}
	if ws != nil {
		// File by file rather than AllFindings, which would hold the analysis for the whole
		// pass: an edit arriving meanwhile waits for one file at most.
		for _, path := range f.knownModules(ws) {
			if f.superseded(gen) {
				return
			}
			if _, done := byPath[path]; done {
				continue
			}
			for _, finding := range f.findingsOf(ws, path) {
				byPath[path] = append(byPath[path], s.diagnostic(f, path, finding))
			}
		}
	}
	f.mu.Lock()
	if f.generation != gen {
		f.mu.Unlock()
		return
	}
	for path, list := range f.runDiags {
		byPath[path] = append(byPath[path], list...)
	}
	for path := range f.published {
		if _, ok := byPath[path]; !ok {
			byPath[path] = nil
		}
	}
	f.mu.Unlock()
	paths := make([]string, 0, len(byPath))
	for path := range byPath {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	// Each file is recorded as it is sent, and a newer pass stops this one between files, so
	// what was recorded is what the client last received.
	f.sendMu.Lock()
	defer f.sendMu.Unlock()
	for _, path := range paths {
		f.mu.Lock()
		if f.generation != gen {
			f.mu.Unlock()
			return
		}
		send := f.record(path, byPath[path])
		f.mu.Unlock()
		if send {
			s.sendDiagnostics(f, path, byPath[path])
		}
	}
}

// record notes the diagnostics about to be sent for path and reports whether they differ
// from the last ones sent. The caller holds f.mu.
func (f *folder) record(path string, list []protocol.Diagnostic) bool {
	data, _ := json.Marshal(list)
	if len(list) == 0 {
		_, had := f.published[path]
		delete(f.published, path)
		return had
	}
	if f.published[path] == string(data) {
		return false
	}
	f.published[path] = string(data)
	return true
}

// sendDiagnostics publishes one file's diagnostics.
func (s *Server) sendDiagnostics(f *folder, path string, list []protocol.Diagnostic) {
	if list == nil {
		list = []protocol.Diagnostic{}
	}
	s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: s.uriOf(f, path), Diagnostics: list})
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
func (s *Server) uriOf(f *folder, path string) uri.URI {
	if doc := s.documentAt(path); doc != nil {
		return doc.uri
	}
	if f.dir != f.root {
		if r, err := f.relToRoot(path); err == nil {
			path = filepath.Join(f.dir, r)
		}
	}
	return uri.File(path)
}

// diagnostic converts one finding. A restart-required finding lists the chain to the entry
// as related information, one location per module at the import that leads on.
func (s *Server) diagnostic(f *folder, path string, finding analysis.Finding) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Severity: severities[finding.Severity],
		Code:     protocol.String(finding.Code),
		Source:   protocol.NewOptional("hotswap"),
		Message:  protocol.String(finding.Message),
	}
	if finding.Range != (facts.Range{}) {
		if _, lines, err := s.textOf(f, path); err == nil {
			d.Range = lspRange(lines, finding.Range)
		}
	}
	for i := 1; i < len(finding.Chain); i++ {
		importer := f.abs(finding.Chain[i])
		imported := f.abs(finding.Chain[i-1])
		msg := finding.Chain[i] + " imports " + finding.Chain[i-1] + " and accepts no update of it"
		if i == len(finding.Chain)-1 {
			msg = "entry " + msg
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: s.uriOf(f, importer), Range: s.importRange(f, importer, imported)},
			Message:  msg,
		})
	}
	return d
}

// importRange finds where importer imports target; the file's start when it cannot tell.
// Answers are cached per importer until it changes, since every restart diagnostic of a large
// workspace asks about the same few importers.
func (s *Server) importRange(f *folder, importer, target string) protocol.Range {
	f.mu.Lock()
	if r, ok := f.importRanges[importer][target]; ok {
		f.mu.Unlock()
		return r
	}
	f.mu.Unlock()
	ranges := map[string]protocol.Range{}
	if ws := f.workspace(); ws != nil {
		if imports := ws.Imports(importer); imports != nil {
			if _, lines, err := s.textOf(f, importer); err == nil {
				for _, imp := range imports {
					if _, seen := ranges[f.canonical(imp.Path)]; imp.Err == nil && !seen {
						ranges[f.canonical(imp.Path)] = lspRange(lines, imp.Import.Range)
					}
				}
			}
		}
	}
	f.mu.Lock()
	f.importRanges[importer] = ranges
	f.mu.Unlock()
	return ranges[target]
}

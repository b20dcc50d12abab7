package lsp

import (
	"encoding/json"
	"sort"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/session"
)

// severities maps the analysis's severities onto the LSP's.
var severities = map[analysis.Severity]protocol.DiagnosticSeverity{
	analysis.SeverityError:       protocol.DiagnosticSeverityError,
	analysis.SeverityWarning:     protocol.DiagnosticSeverityWarning,
	analysis.SeverityInformation: protocol.DiagnosticSeverityInformation,
}

// publisher is what the server remembers of one folder's published diagnostics.
type publisher struct {
	mu sync.Mutex
	// published holds the last diagnostics sent per file, so unchanged ones are not resent.
	published map[string]string
	// generation counts publishing passes; a background pass gives way to a newer one.
	generation int
	// background is the pending pass over the whole folder after an edit.
	background *time.Timer
	// sendMu keeps a file's record and its sending together, so passes never overtake.
	sendMu sync.Mutex
}

// publisherOf returns the folder's publisher, made on first use.
func (s *Server) publisherOf(f *session.Folder) *publisher {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pubs[f]
	if p == nil {
		p = &publisher{published: map[string]string{}}
		s.pubs[f] = p
	}
	return p
}

// supersede makes any running background pass stop.
func (p *publisher) supersede() {
	p.mu.Lock()
	p.generation++
	p.mu.Unlock()
}

// superseded reports whether a newer publishing pass has begun.
func (p *publisher) superseded(gen int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.generation != gen
}

// backgroundDelay is the pause in editing after which the whole folder's diagnostics are
// brought up to date.
const backgroundDelay = 250 * time.Millisecond

// publishFolder sends the diagnostics of every file whose diagnostics changed since they were
// last sent: the analysis's findings plus the app's failed-update errors. first, when set, is
// the file being edited: its diagnostics are computed and sent at once, and the rest of the
// folder follows in the background once the edits pause for backgroundDelay, so typing in a
// large workspace stays quick (as gopls does for other packages). A newer call abandons an
// older background pass.
func (s *Server) publishFolder(f *session.Folder, first string) {
	p := s.publisherOf(f)
	p.mu.Lock()
	p.generation++
	gen := p.generation
	p.mu.Unlock()
	if first == "" {
		s.publishAll(f, gen)
		return
	}
	list := s.diagnosticsOf(f, first, map[string]*facts.LineIndex{})
	p.sendMu.Lock()
	p.mu.Lock()
	send := p.record(first, list)
	p.mu.Unlock()
	if send {
		s.sendDiagnostics(f, first, list)
	}
	p.sendMu.Unlock()
	s.publishLater(f)
}

// publishLater brings the whole folder up to date once the edits pause for backgroundDelay.
func (s *Server) publishLater(f *session.Folder) {
	p := s.publisherOf(f)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.background != nil {
		p.background.Stop()
	}
	p.background = time.AfterFunc(backgroundDelay, func() {
		p.mu.Lock()
		current := p.generation
		p.mu.Unlock()
		s.publishAll(f, current)
	})
}

// diagnosticsOf converts the findings and run errors of one file. lines memoizes the files
// a pass reads for the ranges of notes.
func (s *Server) diagnosticsOf(f *session.Folder, path string, lines map[string]*facts.LineIndex) []protocol.Diagnostic {
	var list []protocol.Diagnostic
	if ws := f.Workspace(); ws != nil {
		for _, finding := range f.Findings(ws, path) {
			list = append(list, s.diagnostic(f, path, finding, lines))
		}
	}
	return append(list, runDiagnostics(f.RunErrors()[path])...)
}

// publishAll sends every changed file's diagnostics, unless a newer pass has begun.
func (s *Server) publishAll(f *session.Folder, gen int) {
	p := s.publisherOf(f)
	byPath := map[string][]protocol.Diagnostic{}
	lines := map[string]*facts.LineIndex{}
	if ws := f.Workspace(); ws != nil {
		// File by file rather than AllFindings, which would hold the analysis for the whole
		// pass: an edit arriving meanwhile waits for one file at most.
		for _, path := range f.KnownModules(ws) {
			if p.superseded(gen) {
				return
			}
			if _, done := byPath[path]; done {
				continue
			}
			for _, finding := range f.Findings(ws, path) {
				byPath[path] = append(byPath[path], s.diagnostic(f, path, finding, lines))
			}
		}
	}
	for path, errs := range f.RunErrors() {
		byPath[path] = append(byPath[path], runDiagnostics(errs)...)
	}
	p.mu.Lock()
	if p.generation != gen {
		p.mu.Unlock()
		return
	}
	for path := range p.published {
		if _, ok := byPath[path]; !ok {
			byPath[path] = nil
		}
	}
	p.mu.Unlock()
	paths := make([]string, 0, len(byPath))
	for path := range byPath {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	// Each file is recorded as it is sent, and a newer pass stops this one between files, so
	// what was recorded is what the client last received.
	p.sendMu.Lock()
	defer p.sendMu.Unlock()
	for _, path := range paths {
		p.mu.Lock()
		if p.generation != gen {
			p.mu.Unlock()
			return
		}
		send := p.record(path, byPath[path])
		p.mu.Unlock()
		if send {
			s.sendDiagnostics(f, path, byPath[path])
		}
	}
}

// record notes the diagnostics about to be sent for path and reports whether they differ
// from the last ones sent. The caller holds p.mu.
func (p *publisher) record(path string, list []protocol.Diagnostic) bool {
	data, _ := json.Marshal(list)
	if len(list) == 0 {
		_, had := p.published[path]
		delete(p.published, path)
		return had
	}
	if p.published[path] == string(data) {
		return false
	}
	p.published[path] = string(data)
	return true
}

// sendDiagnostics publishes one file's diagnostics, with the version of its open buffer.
func (s *Server) sendDiagnostics(f *session.Folder, path string, list []protocol.Diagnostic) {
	if list == nil {
		list = []protocol.Diagnostic{}
	}
	params := protocol.PublishDiagnosticsParams{URI: s.uriOf(f, path), Diagnostics: list}
	if doc := s.documentAt(path); doc != nil {
		params.Version = protocol.NewOptional(doc.version)
	}
	s.notify("textDocument/publishDiagnostics", params)
}

// clearDiagnostics empties every file's diagnostics of a folder that goes away.
func (s *Server) clearDiagnostics(f *session.Folder) {
	p := s.publisherOf(f)
	p.mu.Lock()
	paths := make([]string, 0, len(p.published))
	for path := range p.published {
		paths = append(paths, path)
	}
	p.published = map[string]string{}
	p.generation++
	p.mu.Unlock()
	for _, path := range paths {
		s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: s.uriOf(f, path), Diagnostics: []protocol.Diagnostic{}})
	}
	s.mu.Lock()
	delete(s.pubs, f)
	s.mu.Unlock()
}

// uriOf is the URI the client knows a file by: that of its open buffer, else built from the
// path under the folder as the client named it.
func (s *Server) uriOf(f *session.Folder, path string) uri.URI {
	if doc := s.documentAt(path); doc != nil {
		return doc.uri
	}
	return uri.File(f.EditorPath(path))
}

// diagnostic converts one finding; its notes become related information.
func (s *Server) diagnostic(f *session.Folder, path string, finding analysis.Finding, lines map[string]*facts.LineIndex) protocol.Diagnostic {
	d := protocol.Diagnostic{
		Severity: severities[finding.Severity],
		Code:     protocol.String(finding.Code),
		Source:   protocol.NewOptional("hotswap"),
		Message:  protocol.String(finding.Message),
	}
	d.Range = s.rangeIn(f, path, finding.Range, lines)
	for _, note := range finding.Notes {
		at := f.Abs(note.Path)
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: s.uriOf(f, at), Range: s.rangeIn(f, at, note.Range, lines)},
			Message:  note.Message,
		})
	}
	return d
}

// rangeIn converts a range of a file; the zero range, or one in a file that cannot be read,
// is the file's start.
func (s *Server) rangeIn(f *session.Folder, path string, r facts.Range, lines map[string]*facts.LineIndex) protocol.Range {
	if r == (facts.Range{}) {
		return protocol.Range{}
	}
	ix, ok := lines[path]
	if !ok {
		ix, _ = s.textOf(f, path)
		lines[path] = ix
	}
	if ix == nil {
		return protocol.Range{}
	}
	return lspRange(ix, r)
}

// runDiagnostics converts the errors of the app's last update.
func runDiagnostics(errs []session.RunError) []protocol.Diagnostic {
	var out []protocol.Diagnostic
	for _, e := range errs {
		out = append(out, protocol.Diagnostic{
			Range: protocol.Range{
				Start: protocol.Position{Line: uint32(e.Line), Character: uint32(e.Character)},
				End:   protocol.Position{Line: uint32(e.Line), Character: uint32(e.Character + 1)},
			},
			Severity: protocol.DiagnosticSeverityError,
			Code:     protocol.String(e.Code),
			Source:   protocol.NewOptional("hotswap run"),
			Message:  protocol.String(e.Message),
		})
	}
	return out
}

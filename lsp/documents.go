package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// document is an open editor buffer.
type document struct {
	uri     uri.URI
	path    string
	version int32
	text    []byte
	lines   *facts.LineIndex
}

// pathOf turns a document URI into a clean absolute path.
func pathOf(u uri.URI) string { return filepath.Clean(uri.URI(u).FsPath()) }

// didOpen lays the buffer over the disk and re-analyses the file.
func (s *Server) didOpen(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidOpenTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	s.setDocument(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
	return nil, nil
}

// didChange takes the new full text (the server asks for full sync) and re-analyses.
func (s *Server) didChange(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	if len(p.ContentChanges) == 0 {
		return nil, nil
	}
	// Full sync sends whole documents; a client that sends a partial change anyway is
	// answered by the next whole one.
	last, ok := p.ContentChanges[len(p.ContentChanges)-1].(*protocol.TextDocumentContentChangeWholeDocument)
	if !ok {
		return nil, errInvalidParams{fmt.Errorf("a partial change of %s, but the server asked for full sync", p.TextDocument.URI)}
	}
	s.setDocument(p.TextDocument.URI, p.TextDocument.Version, []byte(last.Text))
	return nil, nil
}

// didClose drops the buffer: the file reads from the disk again.
func (s *Server) didClose(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidCloseTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	path := pathOf(p.TextDocument.URI)
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	if f := s.folderOf(path); f != nil {
		f.overlay.Remove(f.canonical(path))
		s.reanalyse(f, path)
	}
	return nil, nil
}

// setDocument records a buffer's text and re-analyses it.
func (s *Server) setDocument(u uri.URI, version int32, text []byte) {
	path := pathOf(u)
	doc := &document{uri: u, path: path, version: version, text: text, lines: facts.NewLineIndex(text)}
	s.mu.Lock()
	s.docs[path] = doc
	s.mu.Unlock()
	if f := s.folderOf(path); f != nil {
		f.overlay.Set(f.canonical(path), text)
		s.reanalyse(f, path)
	}
}

// reanalyse updates the folder's analysis for one changed file and publishes what changed,
// that file first.
func (s *Server) reanalyse(f *folder, path string) {
	ws := f.workspace()
	if ws == nil {
		return
	}
	path = f.canonical(path)
	// A background pass over the folder stops at once: this edit matters more, and the pass
	// would only publish what the edit is about to change.
	f.supersede()
	ws.Update(path)
	f.mu.Lock()
	delete(f.importRanges, path)
	f.mu.Unlock()
	s.publishFolder(f, path)
}

// documentAt returns the open buffer of path, or nil.
func (s *Server) documentAt(path string) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[filepath.Clean(path)]
}

// textOf returns the current text of a file: the open buffer, else the disk.
func (s *Server) textOf(f *folder, path string) ([]byte, *facts.LineIndex, error) {
	if doc := s.documentAt(path); doc != nil {
		return doc.text, doc.lines, nil
	}
	src, err := f.overlay.ReadFile(f.canonical(path))
	if err != nil {
		return nil, nil, err
	}
	return src, facts.NewLineIndex(src), nil
}

// lspRange converts an analysis range into an LSP range with UTF-16 columns.
func lspRange(lines *facts.LineIndex, r facts.Range) protocol.Range {
	sl, sc := lines.UTF16(r.Start)
	el, ec := lines.UTF16(r.End)
	return protocol.Range{
		Start: protocol.Position{Line: uint32(sl), Character: uint32(sc)},
		End:   protocol.Position{Line: uint32(el), Character: uint32(ec)},
	}
}

// contains reports whether an LSP position lies inside an analysis range.
func rangeContains(lines *facts.LineIndex, r facts.Range, pos protocol.Position) bool {
	p := lines.Point(int(pos.Line), int(pos.Character))
	after := p.Line > r.Start.Line || (p.Line == r.Start.Line && p.Column >= r.Start.Column)
	before := p.Line < r.End.Line || (p.Line == r.End.Line && p.Column <= r.End.Column)
	return after && before
}

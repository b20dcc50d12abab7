package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/session"
)

// document is an open editor buffer.
type document struct {
	uri     uri.URI
	version int32
	text    []byte
	lines   *facts.LineIndex
}

// fileOf turns a URI from the client into the folder holding it (nil if none) and its
// canonical path, the one form of a path everything past the handlers uses.
func (s *Server) fileOf(u uri.URI) (*session.Folder, string) {
	return s.sess.FileOf(filepath.Clean(u.FsPath()))
}

// analysed is the preamble of the feature handlers: the folder, canonical path and analysis
// of the file at u. ok is false when the file is in no folder, the feature is off (on), or
// the folder has no analysis yet; the handler then answers with nothing.
func (s *Server) analysed(u uri.URI, on bool) (f *session.Folder, path string, ws *analysis.Workspace, ok bool) {
	f, path = s.fileOf(u)
	if f == nil || !on {
		return nil, path, nil, false
	}
	ws = f.Workspace()
	return f, path, ws, ws != nil
}

// didOpen lays the buffer over the disk.
func (s *Server) didOpen(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidOpenTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	s.didModifyFiles(modification{uri: p.TextDocument.URI, action: session.Edit, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)})
	return nil, nil
}

// didChange takes the new full text (the server asks for full sync).
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
	s.didModifyFiles(modification{uri: p.TextDocument.URI, action: session.Edit, version: p.TextDocument.Version, text: []byte(last.Text)})
	return nil, nil
}

// didClose drops the buffer: the file reads from the disk again.
func (s *Server) didClose(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidCloseTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	s.didModifyFiles(modification{uri: p.TextDocument.URI, action: session.Close})
	return nil, nil
}

// didSave re-analyses the saved file; the session pushes it to the running app.
func (s *Server) didSave(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidSaveTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	m := modification{uri: p.TextDocument.URI, action: session.Save}
	if p.Text != nil {
		m.text = []byte(*p.Text)
	}
	s.didModifyFiles(m)
	return nil, nil
}

// modification is one change to a file as the client reports it.
type modification struct {
	uri     uri.URI
	action  session.Action
	version int32
	text    []byte
}

// didModifyFiles is the one funnel for changes to files, as gopls's is: it keeps the open
// buffers, hands the changes to each folder's session, and publishes what changed. A single
// edit publishes its own file at once and the rest of the folder later; while more edits wait
// in the queue, nothing is published yet, so a burst of edits costs one round of diagnostics.
func (s *Server) didModifyFiles(mods ...modification) {
	byFolder := map[*session.Folder][]session.Modification{}
	var order []*session.Folder
	for _, m := range mods {
		f, path := s.fileOf(m.uri)
		text, keep := s.recordDocument(m, path)
		if !keep || f == nil {
			continue
		}
		if _, seen := byFolder[f]; !seen {
			order = append(order, f)
		}
		byFolder[f] = append(byFolder[f], session.Modification{Path: path, Action: m.action, Text: text})
	}
	burst := s.inbox.editsWaiting()
	for _, f := range order {
		list := byFolder[f]
		// A background pass over the folder stops at once: these edits matter more, and the
		// pass would only publish what they are about to change.
		s.publisherOf(f).supersede()
		f.DidModifyFiles(list)
		if f.Workspace() == nil {
			continue
		}
		switch {
		case burst:
			s.publishLater(f)
		case len(list) == 1 && list[0].Action != session.OnDisk:
			s.publishFolder(f, list[0].Path)
		default:
			s.publishFolder(f, "")
		}
	}
}

// recordDocument keeps the open buffers up to date with one modification and returns the
// text the session should lay over the disk, and whether the session should hear of it at
// all: a file open in the editor changed on disk is left to its buffer and to didSave.
func (s *Server) recordDocument(m modification, path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[path]
	switch m.action {
	case session.Edit:
		s.docs[path] = &document{uri: m.uri, version: m.version, text: m.text, lines: facts.NewLineIndex(m.text)}
	case session.Close:
		delete(s.docs, path)
	case session.Save:
		if doc == nil || m.text == nil || string(doc.text) == string(m.text) {
			return nil, true
		}
		s.docs[path] = &document{uri: doc.uri, version: doc.version, text: m.text, lines: facts.NewLineIndex(m.text)}
	case session.OnDisk:
		return nil, doc == nil
	}
	return m.text, true
}

// documentAt returns the open buffer of a canonical path, or nil.
func (s *Server) documentAt(path string) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[path]
}

// textOf returns the line index of a file's current text: the open buffer, else the disk.
func (s *Server) textOf(f *session.Folder, path string) (*facts.LineIndex, error) {
	if doc := s.documentAt(path); doc != nil {
		return doc.lines, nil
	}
	src, err := f.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return facts.NewLineIndex(src), nil
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

// rangeContains reports whether an LSP position lies inside an analysis range.
func rangeContains(lines *facts.LineIndex, r facts.Range, pos protocol.Position) bool {
	p := lines.Point(int(pos.Line), int(pos.Character))
	after := p.Line > r.Start.Line || (p.Line == r.Start.Line && p.Column >= r.Start.Column)
	before := p.Line < r.End.Line || (p.Line == r.End.Line && p.Column <= r.End.Column)
	return after && before
}

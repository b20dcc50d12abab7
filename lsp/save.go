package lsp

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// didSave re-analyses the saved file and, with onSave "always" while the app runs, pushes it
// to the runtime; with "manual" it waits for hotswap.push.
func (s *Server) didSave(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidSaveTextDocumentParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	path := pathOf(p.TextDocument.URI)
	f := s.folderOf(path)
	if f == nil {
		return nil, nil
	}
	if p.Text != nil {
		if doc := s.documentAt(path); doc != nil && string(doc.text) != *p.Text {
			s.setDocument(p.TextDocument.URI, doc.version, []byte(*p.Text))
		}
	}
	// A saved file may be new, so imports that failed to resolve may resolve now: the
	// analysis resolves them again when it sees the file appear (reanalyse below).
	f.mu.Lock()
	f.importRanges = map[string]map[string]protocol.Range{}
	f.mu.Unlock()
	s.reanalyse(f, path)
	a := f.currentApp()
	if a == nil {
		return nil, nil
	}
	target := f.canonical(path)
	if s.currentSettings().OnSave == "manual" {
		f.mu.Lock()
		if !slices.Contains(f.unpushed, target) {
			f.unpushed = append(f.unpushed, target)
		}
		f.mu.Unlock()
		return nil, nil
	}
	a.queuePush(target)
	return nil, nil
}

// queuePush hands a saved file to the app's pusher. The push waits for the runtime and the
// worker must not, so edits go on being analysed; saves made while an update runs are pushed
// together next, in the order they came.
func (a *app) queuePush(path string) {
	a.mu.Lock()
	if !slices.Contains(a.toPush, path) {
		a.toPush = append(a.toPush, path)
	}
	a.mu.Unlock()
	select {
	case a.pushWake <- struct{}{}:
	default:
	}
}

// pushSaved pushes queued saves until the app's event loop ends.
func (s *Server) pushSaved(f *folder, a *app) {
	for {
		select {
		case <-a.done:
			return
		case <-a.pushWake:
		}
		a.mu.Lock()
		paths := a.toPush
		a.toPush = nil
		a.mu.Unlock()
		if len(paths) == 0 {
			continue
		}
		if _, err := a.d.Push(context.Background(), paths); err != nil {
			s.logf(protocol.MessageTypeWarning, "hotswap: pushing %s: %v", strings.Join(paths, ", "), err)
		}
	}
}

// pushUnsaved pushes the files saved since the last push, as one update.
func (s *Server) pushUnsaved(ctx context.Context, f *folder) (any, error) {
	a := f.currentApp()
	if a == nil {
		return nil, requestFailed("the app of %s is not running: use hotswap.start", f.root)
	}
	f.mu.Lock()
	paths := f.unpushed
	f.unpushed = nil
	f.mu.Unlock()
	if len(paths) == 0 {
		return nil, nil
	}
	result, err := a.d.Push(ctx, paths)
	if err != nil {
		return nil, requestFailed("pushing %d files: %v", len(paths), err)
	}
	return result, nil
}

// jsonrpc2InvalidCommand answers a command the server does not know.
func jsonrpc2InvalidCommand(name string) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q; the commands are %v", name, commandNames)
}

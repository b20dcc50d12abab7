package lsp

import (
	"context"
	"encoding/json"
	"time"

	"go.lsp.dev/protocol"
)

// watchedGlob names the files whose changes on disk matter: modules and the JSON files that
// steer resolution (package.json, tsconfig.json).
const watchedGlob = "**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx,json}"

// watchFiles asks a client that allows it to report changes made outside the editor
// (a checkout, a formatter, another editor) with workspace/didChangeWatchedFiles.
func (s *Server) watchFiles() {
	s.mu.Lock()
	dynamic := s.client.watchRegistration
	s.mu.Unlock()
	if !dynamic {
		return
	}
	// In a goroutine, with a context of its own: the client may ask the server things before it
	// answers.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		options, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{
			Watchers: []protocol.FileSystemWatcher{{GlobPattern: protocol.Pattern(watchedGlob)}},
		})
		if err != nil {
			s.logf(protocol.MessageTypeError, "hotswap: watching files: %v", err)
			return
		}
		params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID: "hotswap-watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: options,
		}}}
		if err := s.peer.RegisterCapability(ctx, params); err != nil {
			s.logf(protocol.MessageTypeLog, "hotswap: the client declined to watch files: %v", err)
		}
	}()
}

// didChangeWatchedFiles re-analyses files changed on disk and, with onSave "always" while the
// app runs, pushes them as saves are pushed. Files open in the editor are left to their
// buffer and to didSave.
func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeWatchedFilesParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	changed := map[*folder][]string{}
	for _, c := range p.Changes {
		path := pathOf(c.URI)
		if s.documentAt(path) != nil {
			continue
		}
		if f := s.folderOf(path); f != nil {
			changed[f] = append(changed[f], f.canonical(path))
		}
	}
	for f, paths := range changed {
		ws := f.workspace()
		if ws == nil {
			continue
		}
		f.supersede()
		f.mu.Lock()
		// Files may have appeared or gone: the analysis resolves again what they change.
		f.importRanges = map[string]map[string]protocol.Range{}
		f.mu.Unlock()
		ws.Update(paths...)
		s.publishFolder(f, "")
		if a := f.currentApp(); a != nil && s.currentSettings().OnSave == "always" {
			for _, path := range paths {
				a.queuePush(path)
			}
		}
	}
	return nil, nil
}

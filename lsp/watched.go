package lsp

import (
	"context"
	"encoding/json"
	"time"

	"go.lsp.dev/protocol"

	"github.com/hotswap/hotswap/hmr/session"
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

// didChangeWatchedFiles hands files changed on disk to the session, which re-analyses them
// and, with onSave "always" while the app runs, pushes them as saves are pushed. Files open in
// the editor are left to their buffer and to didSave.
func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeWatchedFilesParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	mods := make([]modification, 0, len(p.Changes))
	for _, c := range p.Changes {
		mods = append(mods, modification{uri: c.URI, action: session.OnDisk})
	}
	s.didModifyFiles(mods...)
	return nil, nil
}

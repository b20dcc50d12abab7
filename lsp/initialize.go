package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/session"
)

// version is reported in serverInfo.
const version = "0.1.0"

// initialize records the client's folders, abilities and settings and says what the server
// offers. Nothing is analysed before initialized, and nothing is run before hotswap.start.
func (s *Server) initialize(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.InitializeParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	settings, err := parseSettings(json.RawMessage(p.InitializationOptions))
	if err != nil {
		return nil, err
	}
	var roots []protocol.WorkspaceFolder
	rootPath, _ := p.RootPath.Get()
	if folders, _ := p.WorkspaceFolders.Get(); len(folders) > 0 {
		roots = folders
	} else if p.RootURI != nil && *p.RootURI != "" {
		roots = []protocol.WorkspaceFolder{{URI: *p.RootURI, Name: filepath.Base(p.RootURI.FsPath())}}
	} else if rootPath != "" {
		roots = []protocol.WorkspaceFolder{{URI: uri.File(rootPath), Name: filepath.Base(rootPath)}}
	}
	s.mu.Lock()
	s.initialized = true
	s.client = readClientCapabilities(p.Capabilities)
	s.settings = settings
	s.mu.Unlock()
	s.sess.SetConfig(settings.config())
	for _, r := range roots {
		s.sess.AddFolder(string(r.URI), r.URI.FsPath())
	}
	return &protocol.InitializeResult{
		Capabilities: serverCapabilities(),
		ServerInfo:   protocol.ServerInfo{Name: "hotswap", Version: protocol.NewOptional(version)},
	}, nil
}

// initializedNote asks the client to watch files and analyses every folder.
func (s *Server) initializedNote(ctx context.Context, _ json.RawMessage) (any, error) {
	s.watchFiles()
	for _, f := range s.sess.Folders() {
		s.analyseFolder(ctx, f)
	}
	return nil, nil
}

// didChangeWorkspaceFolders adds and removes folders; a removed folder's app is stopped.
func (s *Server) didChangeWorkspaceFolders(ctx context.Context, params json.RawMessage) (any, error) {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	for _, r := range p.Event.Removed {
		if f := s.sess.FolderAt(r.URI.FsPath()); f != nil {
			f.StopApp()
			s.clearDiagnostics(f)
			s.sess.RemoveFolder(f)
		}
	}
	for _, r := range p.Event.Added {
		s.analyseFolder(ctx, s.sess.AddFolder(string(r.URI), r.URI.FsPath()))
	}
	return nil, nil
}

// analyseFolder (re)opens a folder's analysis, reporting progress, then publishes its
// diagnostics.
func (s *Server) analyseFolder(ctx context.Context, f *session.Folder) {
	prog := s.beginProgress(ctx, "hotswap", "analysing "+filepath.Base(f.Root))
	started := time.Now()
	ws, err := f.Analyse()
	if err != nil {
		prog.end("failed: " + err.Error())
		s.logf(protocol.MessageTypeError, "hotswap: cannot analyse %s: %v", f.Root, err)
		return
	}
	prog.end(fmt.Sprintf("%d modules analysed in %s", len(ws.Verdicts()), time.Since(started).Round(time.Millisecond)))
	if len(ws.Entries()) == 0 {
		s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeWarning,
			Message: fmt.Sprintf("hotswap: no entry found in %s: set hotswap.entry, or give package.json a \"dev\" or \"start\" script or \"main\"", filepath.Join(f.Root, "package.json"))})
	}
	s.publishFolder(f, "")
}

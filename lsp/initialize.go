package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// version is reported in serverInfo.
const version = "0.1.0"

// commandNames are the commands of lsp/PROTOCOL.md.
var commandNames = []string{cmdStart, cmdStop, cmdRestart, cmdPush, cmdShowGraph, cmdExplain}

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
	for _, r := range roots {
		s.folders = append(s.folders, newFolder(s, r.URI))
	}
	s.mu.Unlock()
	return &protocol.InitializeResult{
		Capabilities: serverCapabilities(),
		ServerInfo:   protocol.ServerInfo{Name: "hotswap", Version: protocol.NewOptional(version)},
	}, nil
}

// initializedNote asks the client to watch files and analyses every folder.
func (s *Server) initializedNote(ctx context.Context, _ json.RawMessage) (any, error) {
	s.watchFiles()
	for _, f := range s.folderList() {
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
		if f := s.folderByURI(r.URI); f != nil {
			f.stopApp()
			s.clearDiagnostics(f)
			s.mu.Lock()
			for i, g := range s.folders {
				if g == f {
					s.folders = append(s.folders[:i], s.folders[i+1:]...)
					break
				}
			}
			s.mu.Unlock()
			f.close()
		}
	}
	for _, r := range p.Event.Added {
		f := newFolder(s, r.URI)
		s.mu.Lock()
		s.folders = append(s.folders, f)
		s.mu.Unlock()
		s.analyseFolder(ctx, f)
	}
	return nil, nil
}

// folderList returns the folders.
func (s *Server) folderList() []*folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*folder(nil), s.folders...)
}

// folderByURI finds a folder by its URI.
func (s *Server) folderByURI(u uri.URI) *folder {
	want := filepath.Clean(u.FsPath())
	for _, f := range s.folderList() {
		if f.dir == want {
			return f
		}
	}
	return nil
}

// folderOf returns the innermost folder holding path, or nil.
func (s *Server) folderOf(path string) *folder {
	var best *folder
	for _, f := range s.folderList() {
		if f.contains(path) && (best == nil || len(f.dir) > len(best.dir)) {
			best = f
		}
	}
	return best
}

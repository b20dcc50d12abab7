// Package session is the editor's state of Hotswap without the editor's protocol: each
// workspace folder's analysis and unsaved buffers, its app under hmr/driver, the queue of
// saves waiting for the runtime, the one view over the static and the running app's graphs,
// and the errors of failed updates as data. The language server (lsp/) converts between
// LSP types and this package, which never sees them, as gopls's cache is to its protocol.
package session

import (
	"path/filepath"
	"sync"
)

// Config is what the session needs of the user's settings.
type Config struct {
	// Entry overrides the entries the analysis guesses; the first is the one run.
	Entry []string
	// NodePath is the node binary apps run on.
	NodePath string
	// NodeArgs go to node before the runtime's --import, Args to the app after its entry.
	NodeArgs, Args []string
	// Runtime is the path of the runtime's register.js, or empty to find it.
	Runtime string
	// OnSave is "always" (saves are pushed to the app) or "manual" (they wait for Push).
	OnSave string
}

// DefaultConfig is the configuration before the client sends any.
func DefaultConfig() Config { return Config{OnSave: "always", NodePath: "node"} }

// LogLevel ranks a log line as the LSP's window/logMessage does (1 error .. 4 log).
type LogLevel int

// The log levels the session uses.
const (
	LogError   LogLevel = 1
	LogWarning LogLevel = 2
	LogInfo    LogLevel = 3
	LogDebug   LogLevel = 4
)

// Hooks is how the session tells its editor what happened. Calls may come from any goroutine.
type Hooks interface {
	// Event reports something about a folder's app (a hotswap/event).
	Event(f *Folder, e Event)
	// DiagnosticsChanged says the folder's diagnostics may read differently now (an update
	// failed or was fixed, the app's graph arrived or went away).
	DiagnosticsChanged(f *Folder)
	// ViewsChanged says what the views show (lenses, hints) may read differently now (the
	// app's graph arrived or went away).
	ViewsChanged(f *Folder)
	// Log reports a problem worth a line in the editor's log.
	Log(level LogLevel, msg string)
}

// Session holds the folders of one editor.
type Session struct {
	hooks Hooks

	mu      sync.Mutex
	config  Config
	folders []*Folder
}

// New returns a session with no folders that reports to hooks.
func New(hooks Hooks) *Session {
	return &Session{hooks: hooks, config: DefaultConfig()}
}

// Config returns the current configuration.
func (s *Session) Config() Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.config
}

// SetConfig replaces the configuration and returns the previous one.
func (s *Session) SetConfig(c Config) Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.config
	s.config = c
	return prev
}

// AddFolder adds a folder that the editor names id and that lies at dir; nothing is analysed
// before Analyse.
func (s *Session) AddFolder(id, dir string) *Folder {
	f := newFolder(s, id, dir)
	s.mu.Lock()
	s.folders = append(s.folders, f)
	s.mu.Unlock()
	return f
}

// RemoveFolder stops the folder's app, releases its analysis and forgets it.
func (s *Session) RemoveFolder(f *Folder) {
	f.StopApp()
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

// Folders lists the folders in the order they were added.
func (s *Session) Folders() []*Folder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Folder(nil), s.folders...)
}

// FolderAt finds a folder by the directory the editor named.
func (s *Session) FolderAt(dir string) *Folder {
	dir = filepath.Clean(dir)
	for _, f := range s.Folders() {
		if f.Dir == dir {
			return f
		}
	}
	return nil
}

// FileOf returns the innermost folder holding path and path in the folder's canonical form
// (symbolic links of the folder resolved, as the analysis names files); nil if no folder
// holds it. The editor calls it once per path it receives, so that everything after works
// on canonical paths.
func (s *Session) FileOf(path string) (*Folder, string) {
	path = filepath.Clean(path)
	var best *Folder
	for _, f := range s.Folders() {
		if f.contains(path) && (best == nil || len(f.Dir) > len(best.Dir)) {
			best = f
		}
	}
	if best == nil {
		return nil, path
	}
	return best, best.canonical(path)
}

// StopApps stops the app of every folder.
func (s *Session) StopApps() {
	for _, f := range s.Folders() {
		f.StopApp()
	}
}

package session

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/factscache"
	"github.com/hotswap/hotswap/hmr/session/live"
)

// Folder is one workspace folder: its analysis, its unsaved buffers and its app. Paths the
// methods take are canonical (Session.FileOf gives them), except where said.
type Folder struct {
	s *Session
	// ID is the name the editor gives the folder (its URI); events carry it.
	ID string
	// Dir is the folder as the editor names it; Root is the same with symbolic links resolved,
	// as the analysis reports paths.
	Dir, Root string
	overlay   *analysis.Overlay

	mu      sync.Mutex
	ws      *analysis.Workspace
	app     *app
	live    *live.Graph
	runErrs map[string][]RunError
	// unpushed are files saved while OnSave is "manual", for Push.
	unpushed []string
}

func newFolder(s *Session, id, dir string) *Folder {
	dir = filepath.Clean(dir)
	root := dir
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		root = real
	}
	return &Folder{s: s, ID: id, Dir: dir, Root: root, overlay: analysis.NewOverlay(analysis.OSFS{}), runErrs: map[string][]RunError{}}
}

// contains reports whether path (clean, in either form) lies in the folder.
func (f *Folder) contains(path string) bool {
	for _, base := range []string{f.Dir, f.Root} {
		if path == base || strings.HasPrefix(path, base+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// canonical turns a path under Dir into the same path under Root.
func (f *Folder) canonical(path string) string {
	path = filepath.Clean(path)
	if f.Dir != f.Root && strings.HasPrefix(path, f.Dir+string(filepath.Separator)) {
		return f.Root + path[len(f.Dir):]
	}
	return path
}

// Rel is path relative to the folder, with forward slashes, as the analysis names modules.
func (f *Folder) Rel(path string) string {
	if r, err := filepath.Rel(f.Root, f.canonical(path)); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// Abs is the canonical absolute form of a folder-relative path.
func (f *Folder) Abs(rel string) string {
	if filepath.IsAbs(rel) {
		return f.canonical(rel)
	}
	return filepath.Join(f.Root, filepath.FromSlash(rel))
}

// EditorPath is a canonical path as the editor would name it: under Dir rather than Root.
func (f *Folder) EditorPath(path string) string {
	if f.Dir != f.Root {
		if r, err := filepath.Rel(f.Root, path); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.Join(f.Dir, r)
		}
	}
	return path
}

// Workspace returns the analysis, nil before the first one or when it failed.
func (f *Folder) Workspace() *analysis.Workspace {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ws
}

// Live returns the running app's graph, or nil.
func (f *Folder) Live() *live.Graph {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.live
}

// Analyse (re)opens the folder's analysis from the configured entries, or the guessed ones.
func (f *Folder) Analyse() (*analysis.Workspace, error) {
	cache := factscache.Open(factscache.Dir(), f.Root)
	ws, err := analysis.OpenCached(f.overlay, f.Root, f.s.Config().Entry, cache)
	// Writing the cache waits for nothing the editor needs; a failure only makes the next
	// start-up slower.
	go func() { _ = cache.Save() }()
	f.close()
	f.mu.Lock()
	f.ws = ws
	f.mu.Unlock()
	return ws, err
}

// close releases the analysis.
func (f *Folder) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ws != nil {
		f.ws.Close()
		f.ws = nil
	}
}

// ReadFile returns a file's current text: the unsaved buffer, else the disk.
func (f *Folder) ReadFile(path string) ([]byte, error) { return f.overlay.ReadFile(path) }

// Action says what happened to a file.
type Action int

// The actions of a Modification.
const (
	// Edit is a buffer opened or changed in the editor; Text holds its contents.
	Edit Action = iota
	// Close is a buffer closed: the file reads from the disk again.
	Close
	// Save is a buffer saved; Text, when not nil, holds what was saved.
	Save
	// OnDisk is a file changed on disk outside the editor.
	OnDisk
)

// Modification is one change to one file (canonical path).
type Modification struct {
	Path   string
	Action Action
	Text   []byte
}

// DidModifyFiles is the one way a change to files enters the session, as gopls's
// didModifyFiles is: buffers are laid over the disk, the analysis is brought up to date, and
// saves (and, with OnSave "always", changes on disk) are queued for the running app.
func (f *Folder) DidModifyFiles(mods []Modification) {
	var paths []string
	for _, m := range mods {
		switch m.Action {
		case Edit:
			f.overlay.Set(m.Path, m.Text)
		case Close:
			f.overlay.Remove(m.Path)
		case Save:
			if m.Text != nil {
				f.overlay.Set(m.Path, m.Text)
			}
		}
		if !slices.Contains(paths, m.Path) {
			paths = append(paths, m.Path)
		}
	}
	if ws := f.Workspace(); ws != nil {
		// A saved or changed file may be new, so imports that failed to resolve may resolve
		// now: the analysis resolves again what the files change.
		ws.Update(paths...)
	}
	a := f.currentApp()
	if a == nil {
		return
	}
	manual := f.s.Config().OnSave == "manual"
	for _, m := range mods {
		switch {
		case m.Action == Save && manual:
			f.mu.Lock()
			if !slices.Contains(f.unpushed, m.Path) {
				f.unpushed = append(f.unpushed, m.Path)
			}
			f.mu.Unlock()
		case m.Action == Save, m.Action == OnDisk && !manual:
			a.queuePush(m.Path)
		}
	}
}

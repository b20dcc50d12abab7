package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/lsp/live"
)

// folder is one workspace folder: its analysis, its unsaved buffers and its app.
type folder struct {
	s   *Server
	uri uri.URI
	// dir is the folder as the client names it; root is the same with symbolic links
	// resolved, as the analysis reports paths.
	dir, root string
	overlay   *analysis.Overlay

	mu      sync.Mutex
	ws      *analysis.Workspace
	openErr error
	// published holds the last diagnostics sent per file, so unchanged ones are not resent.
	published map[string]string
	// generation counts publishing passes; a background pass gives way to a newer one.
	generation int
	// importRanges caches where each importer imports each target, until the importer changes.
	importRanges map[string]map[string]protocol.Range
	// background is the pending pass over the whole folder after an edit.
	background *time.Timer
	// sendMu keeps a file's record and its sending together, so passes never overtake.
	sendMu sync.Mutex
	// runDiags are the diagnostics of the app's last failed update, by absolute path.
	runDiags map[string][]protocol.Diagnostic
	app      *app
	live     *live.Graph
	// unpushed are files saved while onSave is manual, for hotswap.push.
	unpushed []string
}

func newFolder(s *Server, u uri.URI) *folder {
	dir := filepath.Clean(u.FsPath())
	root := dir
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		root = real
	}
	return &folder{s: s, uri: u, dir: dir, root: root, overlay: analysis.NewOverlay(analysis.OSFS{}),
		published: map[string]string{}, importRanges: map[string]map[string]protocol.Range{}, runDiags: map[string][]protocol.Diagnostic{}}
}

// contains reports whether path lies in the folder.
func (f *folder) contains(path string) bool {
	for _, base := range []string{f.dir, f.root} {
		if path == base || strings.HasPrefix(path, base+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// canonical turns a path under dir into the same path under root, as the analysis names it.
func (f *folder) canonical(path string) string {
	path = filepath.Clean(path)
	if f.dir != f.root && strings.HasPrefix(path, f.dir+string(filepath.Separator)) {
		return f.root + path[len(f.dir):]
	}
	return path
}

// rel is path relative to the folder, with forward slashes.
func (f *folder) rel(path string) string {
	if r, err := filepath.Rel(f.root, f.canonical(path)); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// abs is the absolute form of a folder-relative path.
func (f *folder) abs(rel string) string {
	if filepath.IsAbs(rel) {
		return filepath.Clean(rel)
	}
	return filepath.Join(f.root, filepath.FromSlash(rel))
}

// workspace returns the analysis, nil before the first one or when it failed.
func (f *folder) workspace() *analysis.Workspace {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ws
}

// liveGraph returns the running app's graph, or nil.
func (f *folder) liveGraph() *live.Graph {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.live
}

// close releases the analysis.
func (f *folder) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ws != nil {
		f.ws.Close()
		f.ws = nil
	}
}

// analyseFolder (re)opens a folder's analysis from its entries, reporting progress, then
// publishes its diagnostics.
func (s *Server) analyseFolder(ctx context.Context, f *folder) {
	settings := s.currentSettings()
	prog := s.beginProgress(ctx, "hotswap", "analysing "+filepath.Base(f.root))
	started := time.Now()
	ws, err := analysis.Open(f.overlay, f.root, settings.Entry)
	f.close()
	f.mu.Lock()
	f.ws, f.openErr = ws, err
	f.importRanges = map[string]map[string]protocol.Range{}
	f.mu.Unlock()
	if err != nil {
		prog.end("failed: " + err.Error())
		s.logf(protocol.MessageTypeError, "hotswap: cannot analyse %s: %v", f.root, err)
		return
	}
	modules := len(ws.Verdicts())
	prog.end(fmt.Sprintf("%d modules analysed in %s", modules, time.Since(started).Round(time.Millisecond)))
	if len(ws.Entries()) == 0 {
		s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeWarning,
			Message: fmt.Sprintf("hotswap: no entry found in %s: set hotswap.entry, or give package.json a \"dev\" or \"start\" script or \"main\"", filepath.Join(f.root, "package.json"))})
	}
	s.publishFolder(f, "")
}

// importOf finds the analysis's answer for one import of importer, by its range.
func (f *folder) importOf(importer string, imp facts.Import) (analysis.ResolvedImport, bool) {
	ws := f.workspace()
	if ws == nil {
		return analysis.ResolvedImport{}, false
	}
	for _, r := range ws.Imports(f.canonical(importer)) {
		if r.Import.Range == imp.Range {
			return r, true
		}
	}
	return analysis.ResolvedImport{}, false
}

// acceptOf finds the analysis's answer for one accept specifier of importer, by its range.
func (f *folder) acceptOf(importer string, spec facts.Specifier) (analysis.ResolvedAccept, bool) {
	ws := f.workspace()
	if ws == nil {
		return analysis.ResolvedAccept{}, false
	}
	for _, a := range ws.Accepts(f.canonical(importer)) {
		if a.Specifier.Range == spec.Range {
			return a, true
		}
	}
	return analysis.ResolvedAccept{}, false
}

// relToRoot is path relative to root, in the file system's form.
func (f *folder) relToRoot(path string) (string, error) {
	return filepath.Rel(f.root, f.canonical(path))
}

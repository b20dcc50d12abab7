package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// rewrittenExtensions are the extensions esbuild (and the runtime's oxc-resolver, through its
// extensionAlias option) try when a relative specifier names a file that does not exist,
// TypeScript's `.js` naming `.ts`, in esbuild's order.
var rewrittenExtensions = map[string][]string{
	".js":  {".ts", ".tsx"},
	".jsx": {".ts", ".tsx"},
	".mjs": {".mts"},
	".cjs": {".cts"},
}

// dirListing caches which names in a directory are regular files (symbolic links and
// directories are left to esbuild, which knows how to follow them).
type dirListing struct {
	mu    sync.Mutex
	files map[string]map[string]bool
}

func (d *dirListing) regularFiles(dir string) map[string]bool {
	d.mu.Lock()
	names, ok := d.files[dir]
	d.mu.Unlock()
	if ok {
		return names
	}
	names = map[string]bool{}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() {
				names[e.Name()] = true
			}
		}
	}
	d.mu.Lock()
	d.files[dir] = names
	d.mu.Unlock()
	return names
}

func (d *dirListing) reset() {
	d.mu.Lock()
	d.files = map[string]map[string]bool{}
	d.mu.Unlock()
}

// fastRelative answers the common case without esbuild: a relative specifier with an
// extension that names a regular file, directly or through a rewritten extension. Paths
// in tsconfig and package.json never apply to relative specifiers, so the answer is the one
// esbuild would give; anything less plain (no extension, a directory, a symbolic link, a
// query) returns ok=false and goes to esbuild.
func (r *Resolver) fastRelative(dir, specifier string) (path string, ok bool) {
	if !strings.HasPrefix(specifier, "./") && !strings.HasPrefix(specifier, "../") {
		return "", false
	}
	if strings.ContainsAny(specifier, "?#\\%") {
		return "", false
	}
	full := filepath.Join(dir, filepath.FromSlash(specifier))
	ext := filepath.Ext(full)
	if ext == "" {
		return "", false
	}
	parent, base := filepath.Dir(full), filepath.Base(full)
	if !r.realDir(parent) {
		return "", false
	}
	files := r.listing.regularFiles(parent)
	if files[base] {
		return full, true
	}
	stem := strings.TrimSuffix(base, ext)
	for _, alt := range rewrittenExtensions[ext] {
		if files[stem+alt] {
			return filepath.Join(parent, stem+alt), true
		}
	}
	return "", false
}

// realDir reports whether dir is its own real path (no symbolic link on the way), since
// esbuild answers with real paths and the fast path must give the same.
func (r *Resolver) realDir(dir string) bool {
	r.realMu.Lock()
	real, ok := r.real[dir]
	r.realMu.Unlock()
	if ok {
		return real
	}
	resolved, err := filepath.EvalSymlinks(dir)
	real = err == nil && resolved == dir && !strings.Contains(filepath.ToSlash(dir), "/node_modules/")
	r.realMu.Lock()
	r.real[dir] = real
	r.realMu.Unlock()
	return real
}

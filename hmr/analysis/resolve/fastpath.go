package resolve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// rewrittenExtensions are the extensions the runtime tries, in its order, when a relative
// specifier names a file that does not exist: TypeScript's `.js` naming `.ts` (the
// extensionAlias option of hmr/runtime/resolve.js, less the extension itself, which the
// runtime tries first).
var rewrittenExtensions = map[string][]string{
	".js":  {".ts", ".tsx", ".jsx"},
	".jsx": {".tsx"},
	".mjs": {".mts"},
	".cjs": {".cts"},
}

// fastExtensions are the extensions that make a relative specifier name a file directly
// (RELATIVE_WITH_EXTENSION in hmr/runtime/resolve.js); any other dotted name ("./app.module",
// "./v1.2/x") is a stem the extensions are appended to, which esbuild does.
var fastExtensions = map[string]bool{
	".js": true, ".mjs": true, ".jsx": true, ".ts": true, ".mts": true, ".tsx": true,
	".json": true, ".cjs": true, ".cts": true,
}

// dirListing caches the names in a directory: true for a regular file, false for anything
// else (a directory or a symbolic link, left to esbuild, which knows how to follow them).
type dirListing struct {
	mu    sync.Mutex
	files map[string]map[string]bool
}

func (d *dirListing) entries(dir string) map[string]bool {
	d.mu.Lock()
	names, ok := d.files[dir]
	d.mu.Unlock()
	if ok {
		return names
	}
	names = map[string]bool{}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			names[e.Name()] = e.Type().IsRegular()
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

// fastRelative answers the common case without esbuild, as the runtime does: a relative
// specifier with an extension names a file, directly or through a rewritten extension, or
// nothing. Paths in tsconfig and package.json never apply to relative specifiers. Anything
// less plain (no extension, a directory, a symbolic link, a query) returns ok=false and goes
// to esbuild.
func (r *Resolver) fastRelative(dir, specifier string) (res Result, ok bool) {
	if !strings.HasPrefix(specifier, "./") && !strings.HasPrefix(specifier, "../") {
		return Result{}, false
	}
	if strings.ContainsAny(specifier, "?#\\%") {
		return Result{}, false
	}
	full := filepath.Join(dir, filepath.FromSlash(specifier))
	ext := filepath.Ext(full)
	// Only a source extension makes the specifier a file name, as in the runtime's own fast
	// path: "./app.module" names app.module.ts, which the extensions list finds.
	if !fastExtensions[ext] || strings.HasSuffix(specifier, "/") {
		return Result{}, false
	}
	parent, base := filepath.Dir(full), filepath.Base(full)
	if !r.realDir(parent) {
		return Result{}, false
	}
	names := r.listing.entries(parent)
	stem := strings.TrimSuffix(base, ext)
	for _, name := range append([]string{base}, suffixed(stem, rewrittenExtensions[ext])...) {
		regular, exists := names[name]
		switch {
		case exists && regular:
			return Result{Path: filepath.Join(parent, name)}, true
		case exists:
			return Result{}, false
		}
	}
	return Result{Err: fmt.Errorf("Could not resolve %q", specifier)}, true
}

// suffixed appends each extension to stem.
func suffixed(stem string, extensions []string) []string {
	out := make([]string, len(extensions))
	for i, ext := range extensions {
		out[i] = stem + ext
	}
	return out
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

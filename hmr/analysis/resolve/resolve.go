// Package resolve turns an import specifier into the file it names, the way the runtime's
// oxc-resolver does: `.js` naming a `.ts` file, tsconfig `paths`, package.json `imports`
// (`#alias`), `exports` conditions for Node ESM, and builtins as external. It uses esbuild's
// resolver through a plugin's build.Resolve, kept in one long-lived build context per project,
// with a cache keyed by (importer directory, specifier).
package resolve

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Extensions are tried, in order, for a specifier without one: the runtime's list (the
// extensions option of hmr/runtime/resolve.js).
var Extensions = []string{".js", ".mjs", ".ts", ".mts", ".tsx", ".jsx", ".json", ".cjs", ".cts", ".node"}

// Result is where a specifier leads.
type Result struct {
	// Path is the absolute file path, or for an external builtin its name ("node:fs").
	Path string
	// External is true for builtins and for files under node_modules: Node loads those once
	// and edits to them are never hot.
	External bool
	// Err says why the specifier does not resolve; Path is empty then.
	Err error
}

// Resolver resolves specifiers for one project. It is safe for concurrent use.
type Resolver struct {
	ctx   api.BuildContext
	build api.PluginBuild

	mu    sync.RWMutex
	cache map[cacheKey]Result

	// listing and real serve the fast path for plain relative specifiers.
	listing dirListing
	realMu  sync.Mutex
	real    map[string]bool
}

type cacheKey struct{ dir, specifier string }

// New creates a resolver for the project rooted at root (an absolute directory).
func New(root string) (*Resolver, error) {
	r := &Resolver{cache: map[cacheKey]Result{}, listing: dirListing{files: map[string]map[string]bool{}}, real: map[string]bool{}}
	ready := false
	ctx, ctxErr := api.Context(api.BuildOptions{
		AbsWorkingDir: root,
		Bundle:        true,
		Write:         false,
		Platform:      api.PlatformNode,
		Format:        api.FormatESModule,
		// With "import", "node" and "default", which esbuild adds, these are the runtime's
		// conditions; naming them also drops esbuild's own "module".
		Conditions:        []string{"module-sync"},
		MainFields:        []string{"main"},
		ResolveExtensions: Extensions,
		LogLevel:          api.LogLevelSilent,
		Plugins: []api.Plugin{{
			Name: "hotswap-resolve",
			Setup: func(build api.PluginBuild) {
				r.build = build
				ready = true
			},
		}},
	})
	if ctxErr != nil {
		return nil, fmt.Errorf("starting esbuild's resolver in %s: %s", root, ctxErr.Error())
	}
	if !ready {
		ctx.Dispose()
		return nil, errors.New("esbuild did not set up the resolve plugin")
	}
	r.ctx = ctx
	return r, nil
}

// Close releases the esbuild context.
func (r *Resolver) Close() {
	r.ctx.Dispose()
}

// Invalidate forgets every cached answer; call it when a tsconfig.json or package.json
// changes, or when files appear or disappear.
func (r *Resolver) Invalidate() {
	r.mu.Lock()
	r.cache = map[cacheKey]Result{}
	r.mu.Unlock()
	r.listing.reset()
	r.realMu.Lock()
	r.real = map[string]bool{}
	r.realMu.Unlock()
}

// Resolve finds what specifier names when imported from the file importer (absolute path).
func (r *Resolver) Resolve(importer, specifier string) Result {
	key := cacheKey{dir: filepath.Dir(importer), specifier: specifier}
	r.mu.RLock()
	res, ok := r.cache[key]
	r.mu.RUnlock()
	if ok {
		return res
	}
	res = r.resolve(importer, key.dir, specifier)
	r.mu.Lock()
	r.cache[key] = res
	r.mu.Unlock()
	return res
}

func (r *Resolver) resolve(importer, dir, specifier string) Result {
	if specifier == "" {
		return Result{Err: errors.New("empty specifier")}
	}
	if res, ok := r.fastRelative(dir, specifier); ok {
		return res
	}
	out := r.build.Resolve(specifier, api.ResolveOptions{
		Importer:   importer,
		ResolveDir: dir,
		Kind:       api.ResolveJSImportStatement,
		Namespace:  "file",
	})
	if len(out.Errors) > 0 {
		return Result{Err: errors.New(out.Errors[0].Text)}
	}
	if out.Path == "" {
		return Result{Err: fmt.Errorf("could not resolve %q", specifier)}
	}
	external := out.External || out.Namespace != "file" || !filepath.IsAbs(out.Path) ||
		strings.Contains(filepath.ToSlash(out.Path), "/node_modules/")
	return Result{Path: out.Path, External: external}
}

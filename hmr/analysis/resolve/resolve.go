// Package resolve turns an import specifier into the file it names, the way the runtime's
// oxc-resolver does: `.js` naming a `.ts` file, tsconfig `paths`, package.json `imports`
// (`#alias`), `exports` conditions for Node ESM, and builtins as external. It uses esbuild's
// resolver through a plugin's build.Resolve, kept in one long-lived build context per project,
// with a cache keyed by (importer directory, specifier).
package resolve

import (
	"errors"
	"fmt"
	"os"
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
	root     string
	readFile ReadFileFunc

	mu    sync.RWMutex
	cache map[cacheKey]Result
	// ctx and build are esbuild's, made for the tsconfig read last (tsconfig, problems).
	ctx      api.BuildContext
	build    api.PluginBuild
	tsconfig string
	problems []ConfigProblem

	// listing and real serve the fast path for plain relative specifiers.
	listing dirListing
	realMu  sync.Mutex
	real    map[string]bool
}

type cacheKey struct{ dir, specifier string }

// New creates a resolver for the project rooted at root (an absolute directory), reading its
// tsconfig chain from the disk.
func New(root string) (*Resolver, error) {
	return NewWithReader(root, os.ReadFile)
}

// NewWithReader creates a resolver whose tsconfig chain is read by readFile (so an editor's
// unsaved tsconfig.json counts), and only inside root and root/node_modules: esbuild itself is
// handed the merged options and reads no tsconfig of its own.
func NewWithReader(root string, readFile ReadFileFunc) (*Resolver, error) {
	r := &Resolver{root: root, readFile: readFile, cache: map[cacheKey]Result{},
		listing: dirListing{files: map[string]map[string]bool{}}, real: map[string]bool{}}
	raw, problems := ReadTSConfig(root, readFile)
	if err := r.start(raw); err != nil {
		return nil, err
	}
	r.problems = problems
	return r, nil
}

// start makes esbuild's build context for a tsconfig; the caller holds mu or owns r.
func (r *Resolver) start(tsconfig string) error {
	var build api.PluginBuild
	ready := false
	ctx, ctxErr := api.Context(api.BuildOptions{
		AbsWorkingDir: r.root,
		Bundle:        true,
		Write:         false,
		Platform:      api.PlatformNode,
		Format:        api.FormatESModule,
		// With "import", "node" and "default", which esbuild adds, these are the runtime's
		// conditions; naming them also drops esbuild's own "module".
		Conditions:        []string{"module-sync"},
		MainFields:        []string{"main"},
		ResolveExtensions: Extensions,
		// The tsconfig read by ReadTSConfig, so esbuild reads none (and none outside the
		// project) itself.
		TsconfigRaw: tsconfig,
		LogLevel:    api.LogLevelSilent,
		Plugins: []api.Plugin{{
			Name: "hotswap-resolve",
			Setup: func(b api.PluginBuild) {
				build = b
				ready = true
			},
		}},
	})
	if ctxErr != nil {
		return fmt.Errorf("starting esbuild's resolver in %s: %s", r.root, ctxErr.Error())
	}
	if !ready {
		ctx.Dispose()
		return errors.New("esbuild did not set up the resolve plugin")
	}
	if r.ctx != nil {
		r.ctx.Dispose()
	}
	r.ctx, r.build, r.tsconfig = ctx, build, tsconfig
	return nil
}

// ConfigProblems lists what was wrong with the tsconfig chain when it was last read.
func (r *Resolver) ConfigProblems() []ConfigProblem {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]ConfigProblem(nil), r.problems...)
}

// Close releases the esbuild context.
func (r *Resolver) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ctx.Dispose()
}

// Invalidate forgets every cached answer and reads the tsconfig chain again; call it when a
// tsconfig.json or package.json changes, or when files appear or disappear.
func (r *Resolver) Invalidate() {
	raw, problems := ReadTSConfig(r.root, r.readFile)
	r.mu.Lock()
	r.cache = map[cacheKey]Result{}
	r.problems = problems
	if raw != r.tsconfig {
		// A failure keeps the previous context, which still answers.
		_ = r.start(raw)
	}
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
	r.mu.RLock()
	build := r.build
	r.mu.RUnlock()
	out := build.Resolve(specifier, api.ResolveOptions{
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

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
	"slices"
	"sort"
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
	// configs holds one esbuild context per folder with a tsconfig.json (or jsconfig.json),
	// made for the options ReadTSConfig read there; "" is for files under no configuration.
	configs map[string]*configContext
	// nearest maps a folder to the folder of the configuration that applies to its files.
	nearest map[string]string

	// listing and real serve the fast path for plain relative specifiers.
	listing dirListing
	realMu  sync.Mutex
	real    map[string]bool
}

// configContext is esbuild's build context for one tsconfig.
type configContext struct {
	ctx      api.BuildContext
	build    api.PluginBuild
	tsconfig string
	problems []ConfigProblem
	files    []string
}

type cacheKey struct{ dir, specifier string }

// New creates a resolver for the project rooted at root (an absolute directory), reading its
// tsconfig files from the disk.
func New(root string) (*Resolver, error) {
	return NewWithReader(root, os.ReadFile)
}

// NewWithReader creates a resolver whose tsconfig files are read by readFile (so an editor's
// unsaved tsconfig.json counts), and only inside root and its node_modules: esbuild itself is
// handed each folder's merged options and reads no tsconfig of its own. As in TypeScript, a
// file takes the configuration of the nearest folder above it that has one, up to root.
func NewWithReader(root string, readFile ReadFileFunc) (*Resolver, error) {
	r := &Resolver{root: filepath.Clean(root), readFile: readFile, cache: map[cacheKey]Result{},
		configs: map[string]*configContext{}, nearest: map[string]string{},
		listing: dirListing{files: map[string]map[string]bool{}}, real: map[string]bool{}}
	// The root's configuration is read at once, so its problems are known from the start
	// and a broken esbuild shows here.
	if _, err := r.buildFor(r.root); err != nil {
		return nil, err
	}
	return r, nil
}

// configDir finds the folder whose tsconfig.json or jsconfig.json applies to files in dir:
// the nearest one at or above dir, but not above root ("" when there is none).
func (r *Resolver) configDir(dir string) string {
	r.mu.RLock()
	found, ok := r.nearest[dir]
	r.mu.RUnlock()
	if ok {
		return found
	}
	rel, err := filepath.Rel(r.root, dir)
	switch {
	case err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)):
		found = ""
	case hasConfig(dir, r.readFile):
		found = dir
	case dir != r.root:
		found = r.configDir(filepath.Dir(dir))
	}
	r.mu.Lock()
	r.nearest[dir] = found
	r.mu.Unlock()
	return found
}

// buildFor returns esbuild's resolver for files in dir, starting it for their configuration
// on first use.
func (r *Resolver) buildFor(dir string) (api.PluginBuild, error) {
	configDir := r.configDir(dir)
	r.mu.RLock()
	c := r.configs[configDir]
	r.mu.RUnlock()
	if c != nil {
		return c.build, nil
	}
	read := TSConfig{Raw: "{}"}
	if configDir != "" {
		read = ReadTSConfig(configDir, r.root, r.readFile)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c := r.configs[configDir]; c != nil {
		return c.build, nil // another goroutine started it meanwhile
	}
	c, err := r.start(read.Raw)
	if err != nil {
		return api.PluginBuild{}, err
	}
	c.problems, c.files = read.Problems, read.Files
	r.configs[configDir] = c
	return c.build, nil
}

// start makes esbuild's build context for a tsconfig.
func (r *Resolver) start(tsconfig string) (*configContext, error) {
	c := &configContext{tsconfig: tsconfig}
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
		// The options ReadTSConfig read, so esbuild reads no tsconfig (and none outside the
		// project) itself.
		TsconfigRaw: tsconfig,
		LogLevel:    api.LogLevelSilent,
		Plugins: []api.Plugin{{
			Name: "hotswap-resolve",
			Setup: func(b api.PluginBuild) {
				c.build = b
				ready = true
			},
		}},
	})
	if ctxErr != nil {
		return nil, fmt.Errorf("starting esbuild's resolver in %s: %s", r.root, ctxErr.Error())
	}
	if !ready {
		ctx.Dispose()
		return nil, errors.New("esbuild did not set up the resolve plugin")
	}
	c.ctx = ctx
	return c, nil
}

// ConfigProblems lists what is wrong with the tsconfig files read so far, by file.
func (r *Resolver) ConfigProblems() []ConfigProblem {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []ConfigProblem
	for _, c := range r.configs {
		out = append(out, c.problems...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Offset < out[j].Offset
	})
	return out
}

// ConfigFiles lists the tsconfig files read so far, extended ones included: a change to one
// of them calls for Invalidate.
func (r *Resolver) ConfigFiles() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []string
	for _, c := range r.configs {
		out = append(out, c.files...)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Close releases the esbuild contexts.
func (r *Resolver) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.configs {
		c.ctx.Dispose()
	}
	r.configs = map[string]*configContext{}
}

// Invalidate forgets every cached answer and reads the tsconfig files again; call it when a
// tsconfig.json or package.json changes, or when files appear or disappear. No resolution may
// be in flight.
func (r *Resolver) Invalidate() {
	r.mu.Lock()
	r.cache = map[cacheKey]Result{}
	r.nearest = map[string]string{}
	dirs := make([]string, 0, len(r.configs))
	for dir := range r.configs {
		dirs = append(dirs, dir)
	}
	r.mu.Unlock()
	for _, dir := range dirs {
		read := TSConfig{Raw: "{}"}
		if dir != "" && hasConfig(dir, r.readFile) {
			read = ReadTSConfig(dir, r.root, r.readFile)
		}
		r.mu.Lock()
		c := r.configs[dir]
		if read.Raw == c.tsconfig && (dir == "" || hasConfig(dir, r.readFile)) {
			c.problems, c.files = read.Problems, read.Files
		} else {
			// Started again on next use, for the configuration as it is now.
			c.ctx.Dispose()
			delete(r.configs, dir)
		}
		r.mu.Unlock()
	}
	r.listing.reset()
	r.realMu.Lock()
	r.real = map[string]bool{}
	r.realMu.Unlock()
	// The root's problems stay known even before the next resolution.
	_, _ = r.buildFor(r.root)
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
	build, err := r.buildFor(dir)
	if err != nil {
		return Result{Err: err}
	}
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

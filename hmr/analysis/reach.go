package analysis

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// Reach says how much of the project's source the graph covers, and where files may be
// loaded in ways the analysis cannot follow.
type Reach struct {
	// Unreached lists the project's source modules that no entry reaches, root-relative and
	// sorted: JavaScript and TypeScript files the runtime would load itself, outside
	// node_modules, hidden folders and build output, declaration files left out.
	Unreached []string `json:"unreached"`
	// Loaders are the places in the graph that load modules no import names: a package that
	// loads a folder (@fastify/autoload), or an import() with a computed specifier.
	Loaders []Loader `json:"loaders,omitempty"`
}

// Loader is one place that loads modules the analysis cannot see.
type Loader struct {
	Path  string      `json:"path"`
	Range facts.Range `json:"range"`
	// What is the package imported ("@fastify/autoload"), or the computed import() as written.
	What string `json:"what"`
}

// folderLoaders are packages that load every module of a folder at run time, so the files
// they load are named by no import.
var folderLoaders = map[string]bool{
	"@fastify/autoload": true, "fastify-autoload": true, "require-all": true, "require-directory": true,
}

// skippedDirs are folders whose files are not the project's own source: dependencies and the
// usual build output, as the watcher skips them.
var skippedDirs = map[string]bool{"node_modules": true, "dist": true, "build": true, "coverage": true, "out": true}

// Reach lists the project's source files outside the graph and the loaders in the graph.
func (w *Workspace) Reach() Reach {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := Reach{Unreached: []string{}}
	w.walkSources(w.root, func(path string) {
		if w.graph.modules[path] == nil && w.participates(path) {
			r.Unreached = append(r.Unreached, w.rel(path))
		}
	})
	sort.Strings(r.Unreached)
	for _, p := range w.modulePaths() {
		m := w.graph.modules[p]
		for _, e := range m.edges {
			switch {
			case !e.imp.Literal:
				r.Loaders = append(r.Loaders, Loader{Path: m.rel, Range: e.imp.Range, What: "import(" + e.imp.Specifier + ")"})
			case folderLoaders[e.imp.Specifier]:
				r.Loaders = append(r.Loaders, Loader{Path: m.rel, Range: e.imp.Range, What: e.imp.Specifier})
			}
		}
	}
	return r
}

// walkSources calls fn with every JavaScript or TypeScript file under dir, skipping hidden
// and skipped folders and declaration files.
func (w *Workspace) walkSources(dir string, fn func(path string)) {
	entries, err := w.fsys.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir():
			if !skippedDirs[name] {
				w.walkSources(path, fn)
			}
		case e.Type().IsRegular() && isSourceFile(name):
			fn(path)
		}
	}
}

// isSourceFile reports whether a file name is a JavaScript or TypeScript module, not a
// declaration file.
func isSourceFile(name string) bool {
	lower := strings.ToLower(name)
	for _, d := range []string{".d.ts", ".d.mts", ".d.cts"} {
		if strings.HasSuffix(lower, d) {
			return false
		}
	}
	switch filepath.Ext(lower) {
	case ".js", ".mjs", ".jsx", ".ts", ".mts", ".tsx":
		return true
	}
	return false
}

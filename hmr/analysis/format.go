package analysis

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// format is how Node loads a file, by the rules of hmr/SEMANTICS.md section 1.
type format struct {
	// participates is set for the files in the runtime's graph: ES modules and JSON, which it
	// loads itself, and the app's CommonJS files (section 8), which Node loads for it.
	participates bool
	// commonjs is set for the app's CommonJS files: their `require("x")` calls are their edges.
	commonjs bool
	// why says, for a file that does not participate, what Node takes it for.
	why string
}

// formatOf decides a file's format as Node does: by extension, then for .js and .ts by the
// nearest package.json "type", then, when that gives none, by the file's own syntax.
func (w *Workspace) formatOf(path string) format {
	if strings.Contains(filepath.ToSlash(path), "/node_modules/") {
		return format{why: "under node_modules"}
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mjs", ".mts", ".json":
		return format{participates: true}
	case ".jsx", ".tsx":
		// Node cannot run these; the runtime loads them as ES modules whatever the type.
		return format{participates: true}
	case ".cjs", ".cts":
		return format{participates: true, commonjs: true, why: "CommonJS by its extension"}
	case ".js", ".ts":
		switch w.packageType(filepath.Dir(path)) {
		case "module":
			return format{participates: true}
		case "commonjs":
			return format{participates: true, commonjs: true, why: `CommonJS: the nearest package.json says "type": "commonjs"`}
		}
		if w.detectedESM(path) {
			return format{participates: true}
		}
		return format{participates: true, commonjs: true, why: `CommonJS: the nearest package.json gives no "type" and the file has no import, export, import.meta or top-level await`}
	}
	return format{why: "not a JavaScript, TypeScript or JSON file"}
}

// participates reports whether the runtime loads a file itself (hmr/SEMANTICS.md section 1).
func (w *Workspace) participates(path string) bool { return w.formatOf(path).participates }

// detectedESM applies Node's syntax detection to a .js or .ts file of a package without
// "type". The file is parsed once: an ES module's facts are kept for loadModule, which will
// want them. A file that cannot be read counts as an ES module, so that loading it reports why.
func (w *Workspace) detectedESM(path string) bool {
	w.typesMu.Lock()
	esm, ok := w.detected[path]
	w.typesMu.Unlock()
	if ok {
		return esm
	}
	var parsed *facts.Facts
	esm = true
	if src, err := w.readSource(path); err == nil {
		if f, err := w.parse(path, src); err == nil {
			esm = f.ModuleSyntax
			if esm {
				parsed = f
			}
		}
	}
	w.typesMu.Lock()
	w.detected[path] = esm
	if parsed != nil {
		w.parsed[path] = parsed
	}
	w.typesMu.Unlock()
	return esm
}

// takeParsed returns (and forgets) the facts syntax detection already read for path.
func (w *Workspace) takeParsed(path string) *facts.Facts {
	w.typesMu.Lock()
	defer w.typesMu.Unlock()
	f := w.parsed[path]
	delete(w.parsed, path)
	return f
}

// forgetFormat drops what syntax detection knew of path, after the file changed, and reports
// whether it had been detected, and as what.
func (w *Workspace) forgetFormat(path string) (wasESM, known bool) {
	w.typesMu.Lock()
	defer w.typesMu.Unlock()
	wasESM, known = w.detected[path]
	delete(w.detected, path)
	delete(w.parsed, path)
	return wasESM, known
}

// forgetAllFormats drops every package type and detection, after a package.json changed.
func (w *Workspace) forgetAllFormats() {
	w.typesMu.Lock()
	w.pkgTypes = map[string]string{}
	w.detected = map[string]bool{}
	w.parsed = map[string]*facts.Facts{}
	w.typesMu.Unlock()
}

// packageType returns the "type" of the package.json nearest to dir: "module", "commonjs", or
// "" when it has none (or another value, which Node ignores too).
func (w *Workspace) packageType(dir string) string {
	w.typesMu.Lock()
	t, ok := w.pkgTypes[dir]
	w.typesMu.Unlock()
	if ok {
		return t
	}
	if data, err := w.fsys.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		var pkg struct{ Type string }
		_ = json.Unmarshal(data, &pkg)
		if pkg.Type == "module" || pkg.Type == "commonjs" {
			t = pkg.Type
		}
	} else if parent := filepath.Dir(dir); parent != dir {
		t = w.packageType(parent)
	}
	w.typesMu.Lock()
	w.pkgTypes[dir] = t
	w.typesMu.Unlock()
	return t
}

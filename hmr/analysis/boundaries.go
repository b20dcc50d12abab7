package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// boundaryGlobs is one package.json's `hotHook.boundaries` (hmr/SEMANTICS.md section 2): a
// dynamic import() of a file that matches one of the patterns is a boundary import.
type boundaryGlobs struct {
	// dir is the folder of the package.json; the patterns are relative to it.
	dir string
	// patterns are doublestar globs relative to dir (see literalExceptStars).
	patterns []string
}

// matches reports whether a file (absolute) matches one of the patterns.
func (b boundaryGlobs) matches(file string) bool {
	rel, err := filepath.Rel(b.dir, file)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, p := range b.patterns {
		// literalExceptStars escapes all but stars, so Match has no malformed pattern to fail on.
		if ok, _ := doublestar.Match(p, rel); ok {
			return true
		}
	}
	return false
}

// hotHookPackage is the part of a package.json that configures hot-hook.
type hotHookPackage struct {
	HotHook *struct {
		Boundaries json.RawMessage `json:"boundaries"`
	} `json:"hotHook"`
}

// parseBoundaryGlobs reads the hotHook.boundaries of one package.json (its absolute path, its
// root-relative path and its content). What cannot be used is described by a finding on the
// package.json at the place it stands.
func parseBoundaryGlobs(file, rel string, data []byte) (boundaryGlobs, []Finding) {
	globs := boundaryGlobs{dir: filepath.Dir(file)}
	problem := func(offset int, msg string) []Finding {
		at := facts.PointAt(data, offset)
		return []Finding{{Path: rel, Code: CodeInvalidConfig, Severity: SeverityWarning, Message: msg,
			Range: facts.Range{Start: at, End: at, StartByte: offset, EndByte: offset}}}
	}
	var pkg hotHookPackage
	if err := json.Unmarshal(data, &pkg); err != nil {
		offset := 0
		if syntax, ok := err.(*json.SyntaxError); ok {
			offset = int(syntax.Offset)
		}
		if wrongType, ok := err.(*json.UnmarshalTypeError); ok {
			return globs, problem(int(wrongType.Offset), "hotHook must be an object with a boundaries array; it is ignored")
		}
		// Only a package.json that mentions hot-hook is worth a warning here; the resolver
		// reports the rest when an import needs the file.
		if !bytes.Contains(data, []byte(`"hotHook"`)) {
			return globs, nil
		}
		return globs, problem(offset, fmt.Sprintf("package.json is not valid JSON, so hotHook.boundaries is ignored: %v", err))
	}
	if pkg.HotHook == nil || pkg.HotHook.Boundaries == nil {
		return globs, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(pkg.HotHook.Boundaries, &list); err != nil {
		return globs, problem(offsetOf(data, pkg.HotHook.Boundaries),
			"hotHook.boundaries must be an array of glob strings; it is ignored")
	}
	// Like the runtime, one entry that is not a glob string voids the whole list: a half-read
	// list would make the two disagree about which imports are boundaries.
	for _, raw := range list {
		var pattern string
		if err := json.Unmarshal(raw, &pattern); err != nil || pattern == "" {
			return boundaryGlobs{dir: globs.dir}, problem(offsetOf(data, raw),
				fmt.Sprintf("hotHook.boundaries: %s is not a non-empty glob string, so the whole list is ignored", raw))
		}
		globs.patterns = append(globs.patterns, literalExceptStars(pattern))
	}
	return globs, nil
}

// literalExceptStars turns a pattern into a doublestar glob with only the syntax hmr/SEMANTICS.md
// gives (`*` within a segment, `**` across), as the runtime reads it: ?, [ ] and { } match
// themselves. Joining with "." drops the optional leading "./" (and a leading "/") and folds
// "a/../b", as the runtime's posix.join does.
func literalExceptStars(pattern string) string {
	var b strings.Builder
	for _, r := range path.Join(".", pattern) {
		if strings.ContainsRune(`\?[]{}`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// offsetOf finds where a raw JSON value taken from data starts in it. The decoder copies raw
// values, so the first occurrence of the same text stands in for it (0 when absent).
func offsetOf(data, raw []byte) int {
	if i := bytes.Index(data, raw); i >= 0 {
		return i
	}
	return 0
}

// loadBoundaryGlobs reads hotHook.boundaries from the package.json nearest to each entry
// (hmr/SEMANTICS.md section 2), through the workspace's FileSystem. The caller holds w.mu and
// calls it before any module is resolved, since resolveModule reads the result unlocked.
func (w *Workspace) loadBoundaryGlobs() {
	w.boundaryGlobs = w.boundaryGlobs[:0]
	w.configFindings = w.configFindings[:0]
	w.configFiles = w.configFiles[:0]
	seen := map[string]bool{}
	for _, e := range w.entries {
		pkgFile := w.nearestPackageJSON(filepath.Dir(w.abs(e.Path)))
		if pkgFile == "" || seen[pkgFile] {
			continue
		}
		seen[pkgFile] = true
		w.configFiles = append(w.configFiles, pkgFile)
		data, err := w.fsys.ReadFile(pkgFile)
		if err != nil {
			w.configFindings = append(w.configFindings, Finding{Path: w.rel(pkgFile), Code: CodeInvalidConfig,
				Severity: SeverityWarning, Message: "cannot read package.json, so hotHook.boundaries is ignored: " + unwrapPathError(err).Error()})
			continue
		}
		globs, findings := parseBoundaryGlobs(pkgFile, w.rel(pkgFile), data)
		if len(globs.patterns) > 0 {
			w.boundaryGlobs = append(w.boundaryGlobs, globs)
		}
		w.configFindings = append(w.configFindings, findings...)
	}
}

// ConfigFiles lists the package.json files (absolute) hotHook.boundaries is read from, one per
// distinct entry folder, and the tsconfig files with a problem. Their findings (hotswap/invalid-config) come from Findings like a
// module's, though they are not modules of the graph.
func (w *Workspace) ConfigFiles() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append(append([]string(nil), w.configFiles...), w.tsconfigFiles...)
}

// nearestPackageJSON finds the package.json in dir or the closest folder above it ("" when
// there is none), as the runtime does: by existence, so an unreadable one is not skipped.
func (w *Workspace) nearestPackageJSON(dir string) string {
	for {
		candidate := filepath.Join(dir, "package.json")
		if _, err := w.fsys.Stat(candidate); err == nil {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// isConfiguredBoundary reports whether a resolved import is a boundary because its target
// matches hotHook.boundaries: only a dynamic import can be one, as in hot-hook.
func (w *Workspace) isConfiguredBoundary(imp facts.Import, target string) bool {
	if imp.Kind != facts.ImportDynamic || target == "" {
		return false
	}
	for _, g := range w.boundaryGlobs {
		if g.matches(target) {
			return true
		}
	}
	return false
}

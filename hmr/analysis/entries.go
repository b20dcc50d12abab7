package analysis

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
)

// Entry is a module the graph starts from, and how the analysis chose it.
type Entry struct {
	// Path is relative to the workspace root, with forward slashes.
	Path string `json:"path"`
	// Source says where the entry came from: "--entry", `package.json scripts.dev`, ...
	Source string `json:"source"`
}

// entryExtensions are the file extensions an entry may have.
var entryExtensions = []string{".ts", ".mts", ".tsx", ".js", ".mjs", ".jsx", ".cts", ".cjs"}

// GuessEntries finds a project's entries when none are given: the file run by the "dev",
// "start" or "serve" script (parsed as a shell command line, see scriptEntry), else package.json "main", else "bin", else a conventional file
// name (main, index, server, app; at the root or in src/). It returns nothing if all fail.
func GuessEntries(fsys FileSystem, root string) []Entry {
	var pkg struct {
		Main    string            `json:"main"`
		Bin     json.RawMessage   `json:"bin"`
		Scripts map[string]string `json:"scripts"`
	}
	if data, err := fsys.ReadFile(filepath.Join(root, "package.json")); err == nil {
		_ = json.Unmarshal(data, &pkg)
	}
	exists := func(rel string) bool {
		info, err := fsys.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		return err == nil && !info.IsDir()
	}
	for _, name := range []string{"dev", "start", "serve"} {
		if script, ok := pkg.Scripts[name]; ok {
			if file := scriptEntry(pkg.Scripts, name, exists); file != "" {
				return []Entry{{Path: file, Source: "package.json scripts." + name + ": " + script}}
			}
		}
	}
	if pkg.Main != "" && hasEntryExtension(pkg.Main) {
		return []Entry{{Path: cleanRel(pkg.Main), Source: "package.json main"}}
	}
	if bins := binEntries(pkg.Bin); len(bins) > 0 {
		return []Entry{{Path: cleanRel(bins[0]), Source: "package.json bin"}}
	}
	for _, dir := range []string{"", "src/"} {
		for _, base := range []string{"main", "index", "server", "app"} {
			for _, ext := range entryExtensions {
				if rel := dir + base + ext; exists(rel) {
					return []Entry{{Path: rel, Source: "conventional file name"}}
				}
			}
		}
	}
	return nil
}

// binEntries reads package.json "bin": a string, or an object of names to files.
func binEntries(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}
	}
	var many map[string]string
	if json.Unmarshal(raw, &many) != nil {
		return nil
	}
	names := make([]string, 0, len(many))
	for name := range many {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		if hasEntryExtension(many[name]) {
			out = append(out, many[name])
		}
	}
	return out
}

func hasEntryExtension(name string) bool {
	ext := strings.ToLower(filepath.Ext(strings.Trim(name, `"'`)))
	for _, e := range entryExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// cleanRel normalises a package.json path ("./src/main.ts") to "src/main.ts".
func cleanRel(p string) string {
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(filepath.FromSlash(p))), "./")
}

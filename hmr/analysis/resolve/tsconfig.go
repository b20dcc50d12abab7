package resolve

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tailscale/hujson"
)

// ReadFileFunc reads a file by its absolute path.
type ReadFileFunc func(name string) ([]byte, error)

// ConfigProblem is something wrong with the project's tsconfig chain, at a byte offset of
// File (absolute), which is always a file inside the project: nothing of a file outside it is
// read, so nothing of one can appear in Message.
type ConfigProblem struct {
	File    string
	Offset  int
	Message string
}

// tsconfigOptions are the compilerOptions that change how specifiers resolve.
type tsconfigOptions struct {
	BaseURL *string             `json:"baseUrl"`
	Paths   map[string][]string `json:"paths"`
}

// tsconfigFile is the part of a tsconfig.json the resolver reads.
type tsconfigFile struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions tsconfigOptions `json:"compilerOptions"`
}

// resolvedOptions are the options of a chain, made absolute: baseURL is a directory, and
// paths are relative to pathsDir.
type resolvedOptions struct {
	baseURL  string
	paths    map[string][]string
	pathsDir string
}

// tsconfigReader reads one project's tsconfig chain, only inside root (root/node_modules
// included).
type tsconfigReader struct {
	root     string
	readFile ReadFileFunc
	problems []ConfigProblem
	visiting map[string]bool
	files    []string
}

// TSConfig is what ReadTSConfig read in one folder.
type TSConfig struct {
	// Raw is the tsconfig handed to esbuild: the merged options that matter for resolution.
	Raw string
	// Problems are what is wrong with the chain.
	Problems []ConfigProblem
	// Files are the configuration files read, the folder's own first, so that an edit to
	// one of them is known to change resolution.
	Files []string
}

// hasConfig reports whether dir holds a tsconfig.json or a jsconfig.json.
func hasConfig(dir string, readFile ReadFileFunc) bool {
	_, file := configIn(dir, readFile)
	return file != ""
}

// configIn reads dir's tsconfig.json, or else its jsconfig.json ("" when neither is there).
func configIn(dir string, readFile ReadFileFunc) ([]byte, string) {
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		file := filepath.Join(dir, name)
		if data, err := readFile(file); err == nil {
			return data, file
		}
	}
	return nil, ""
}

// ReadTSConfig reads dir's tsconfig.json (or else jsconfig.json) and the configurations it
// extends, as TypeScript merges them, and returns the options that matter for resolution as a
// tsconfig for esbuild (baseUrl absolute, paths made absolute when there is no baseUrl). An
// `extends` that leaves root (the project, node_modules included) is not read and becomes a
// problem, as does one that cannot be found or parsed. With no configuration it returns "{}".
func ReadTSConfig(dir, root string, readFile ReadFileFunc) TSConfig {
	r := &tsconfigReader{root: filepath.Clean(root), readFile: readFile, visiting: map[string]bool{}}
	var opts resolvedOptions
	if data, file := configIn(dir, readFile); file != "" {
		opts = r.load(file, data)
	}
	out := map[string]any{}
	switch {
	case opts.baseURL != "":
		out["baseUrl"] = opts.baseURL
		if opts.paths != nil {
			out["paths"] = opts.paths
		}
	case opts.paths != nil:
		abs := map[string][]string{}
		for pattern, targets := range opts.paths {
			for _, t := range targets {
				abs[pattern] = append(abs[pattern], filepath.Join(opts.pathsDir, filepath.FromSlash(t)))
			}
		}
		out["paths"] = abs
	}
	encoded, _ := json.Marshal(map[string]any{"compilerOptions": out})
	return TSConfig{Raw: string(encoded), Problems: r.problems, Files: r.files}
}

// load parses one configuration and merges it over what it extends.
func (r *tsconfigReader) load(file string, data []byte) resolvedOptions {
	var opts resolvedOptions
	if r.visiting[file] {
		r.problem(file, 0, "extends itself through a cycle")
		return opts
	}
	r.visiting[file] = true
	r.files = append(r.files, file)
	defer delete(r.visiting, file)
	value, err := hujson.Parse(data)
	if err != nil {
		r.problem(file, 0, "is not valid JSON with comments: "+err.Error())
		return opts
	}
	tree := value.Clone()
	tree.Standardize()
	var cfg tsconfigFile
	if err := json.Unmarshal(tree.Pack(), &cfg); err != nil {
		r.problem(file, 0, "cannot be read as a tsconfig: "+err.Error())
		return opts
	}
	dir := filepath.Dir(file)
	if len(cfg.Extends) > 0 {
		offset := 0
		if v := value.Find("/extends"); v != nil {
			offset = v.StartOffset
		}
		var bases []string
		var one string
		if json.Unmarshal(cfg.Extends, &one) == nil {
			bases = []string{one}
		} else if json.Unmarshal(cfg.Extends, &bases) != nil {
			r.problem(file, offset, `"extends" must be a string or a list of strings`)
		}
		for _, base := range bases {
			if baseFile, ok := r.findBase(file, offset, dir, base); ok {
				if baseData, err := r.readFile(baseFile); err == nil {
					opts = merge(opts, r.load(baseFile, baseData))
				}
			}
		}
	}
	own := resolvedOptions{}
	if cfg.CompilerOptions.BaseURL != nil {
		own.baseURL = filepath.Join(dir, filepath.FromSlash(*cfg.CompilerOptions.BaseURL))
	}
	if cfg.CompilerOptions.Paths != nil {
		own.paths, own.pathsDir = cfg.CompilerOptions.Paths, dir
	}
	return merge(opts, own)
}

// merge lays a derived configuration's options over its base's.
func merge(base, derived resolvedOptions) resolvedOptions {
	if derived.baseURL != "" {
		base.baseURL = derived.baseURL
	}
	if derived.paths != nil {
		base.paths, base.pathsDir = derived.paths, derived.pathsDir
	}
	return base
}

// findBase finds the file an `extends` names, as TypeScript does: a path relative to the
// configuration (".json" added when missing), or a package in root/node_modules (the file it
// names, or its tsconfig.json). Nothing outside root is looked at.
func (r *tsconfigReader) findBase(file string, offset int, dir, base string) (string, bool) {
	var candidates []string
	isPath := strings.HasPrefix(base, "./") || strings.HasPrefix(base, "../") || filepath.IsAbs(base) || base == "." || base == ".."
	if isPath {
		p := filepath.Join(dir, filepath.FromSlash(base))
		if filepath.IsAbs(base) {
			p = filepath.Clean(base)
		}
		if !r.inside(p) {
			r.problem(file, offset, fmt.Sprintf("extends %q, which is outside the project and its node_modules: not read", base))
			return "", false
		}
		candidates = []string{p, p + ".json"}
	} else {
		// A package, looked for in the node_modules of the configuration's folder and of
		// each folder above it, up to the project's.
		for d := dir; r.inside(d); d = filepath.Dir(d) {
			p := filepath.Join(d, "node_modules", filepath.FromSlash(base))
			if !r.inside(p) {
				r.problem(file, offset, fmt.Sprintf("extends %q, which is outside the project and its node_modules: not read", base))
				return "", false
			}
			candidates = append(candidates, p, p+".json", filepath.Join(p, "tsconfig.json"))
			if d == r.root {
				break
			}
		}
	}
	for _, c := range candidates {
		// A directory or a missing file fails to read; the next candidate is tried.
		if _, err := r.readFile(c); err == nil {
			return c, true
		}
	}
	r.problem(file, offset, fmt.Sprintf("extends %q, which cannot be found", base))
	return "", false
}

// inside reports whether p (clean, absolute) is root or below it.
func (r *tsconfigReader) inside(p string) bool {
	rel, err := filepath.Rel(r.root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (r *tsconfigReader) problem(file string, offset int, msg string) {
	r.problems = append(r.problems, ConfigProblem{File: file, Offset: offset, Message: msg})
}

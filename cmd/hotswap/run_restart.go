package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// restartFiles says which changed files are no modules but restart the app: .env files,
// --restart globs and package.json's hotHook.restart globs (as hot-hook reads them), all
// relative to the watched directory. skip names files never pushed (the --json output).
type restartFiles struct {
	root  string
	globs []string
	skip  map[string]bool
}

// newRestartFiles reads hotHook.restart from root's package.json beside the flags' globs.
func newRestartFiles(root string, flagGlobs []string) *restartFiles {
	r := &restartFiles{root: root, globs: append([]string{}, flagGlobs...), skip: map[string]bool{}}
	var manifest struct {
		HotHook struct {
			Restart []string `json:"restart"`
		} `json:"hotHook"`
	}
	if data, err := os.ReadFile(filepath.Join(root, "package.json")); err == nil && json.Unmarshal(data, &manifest) == nil {
		r.globs = append(r.globs, manifest.HotHook.Restart...)
	}
	return r
}

// split returns the paths to push to the runtime and the first that asks for a restart.
func (r *restartFiles) split(paths []string) (push []string, restart string) {
	for _, p := range paths {
		if r.skip[p] {
			continue
		}
		if restart == "" && r.restarts(p) {
			restart = p
			continue
		}
		push = append(push, p)
	}
	return push, restart
}

func (r *restartFiles) restarts(path string) bool {
	if strings.HasPrefix(filepath.Base(path), ".env") {
		return true
	}
	rel, err := filepath.Rel(r.root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, glob := range r.globs {
		// Globs use slashes; on Windows a backslash is a separator too, as hot-hook's are.
		glob = strings.TrimPrefix(filepath.ToSlash(glob), "./")
		if ok, _ := doublestar.Match(glob, rel); ok {
			return true
		}
	}
	return false
}

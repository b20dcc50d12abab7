package watch

import (
	"path/filepath"
	"strings"

	gitignore "github.com/sabhiram/go-gitignore"
)

// ignoredDirs are the base names of directories never watched, with all they hold:
// dependencies, version control and the usual build output, whose churn would only cause
// spurious updates.
var ignoredDirs = map[string]bool{
	"node_modules": true,
	".git":         true,
	".hg":          true,
	".svn":         true,
	"dist":         true,
	"build":        true,
	"coverage":     true,
	".cache":       true,
}

// editorTemp reports whether a file name is an editor's scratch file (vim swap and its
// 4913 probe, emacs lock and backup files, JetBrains' safe-write copies), which is never
// a change to the app.
func editorTemp(path string) bool {
	name := filepath.Base(path)
	switch {
	case name == "4913",
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

// readGitignore compiles root's .gitignore, or returns nil when there is none.
func readGitignore(root string) *gitignore.GitIgnore {
	ignore, err := gitignore.CompileIgnoreFile(filepath.Join(root, ".gitignore"))
	if err != nil {
		return nil
	}
	return ignore
}

// gitIgnored reports whether the root's .gitignore ignores path (a directory when dir), unless
// Options.Keep keeps it. Files the app writes (logs, databases) are usually listed there.
func (w *Watcher) gitIgnored(path string, dir bool) bool {
	if w.git == nil || (w.keep != nil && w.keep(path)) {
		return false
	}
	rel, err := filepath.Rel(w.root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	if dir {
		// A pattern with a trailing slash ("logs/") matches directories only.
		return w.git.MatchesPath(rel) || w.git.MatchesPath(rel+"/")
	}
	return w.git.MatchesPath(rel)
}

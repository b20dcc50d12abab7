package watch

import (
	"path/filepath"
	"strings"
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

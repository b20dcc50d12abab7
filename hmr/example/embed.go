// Package example holds the example app that `hotswap run` starts when given no entry,
// embedded so that the binary alone can show a hot update.
package example

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed app
var files embed.FS

// Entry is the example app's entry file, relative to the folder it is copied into.
const Entry = "server.js"

// EditHint is the file a user edits to see a hot update, relative to the same folder.
const EditHint = "greeting.js"

// CopyTo writes the example app into dir, which must exist, and returns dir.
func CopyTo(dir string) (string, error) {
	app, err := fs.Sub(files, "app")
	if err != nil {
		return "", err
	}
	return dir, os.CopyFS(filepath.Clean(dir), app)
}

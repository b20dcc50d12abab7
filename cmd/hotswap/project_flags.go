package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/factscache"
)

// projectFlags is the command line that check and graph share: repeated --entry flags, the
// command's own flags, and one optional project directory, in any order.
type projectFlags struct {
	*flag.FlagSet
	entries repeated
	stderr  io.Writer
}

// newProjectFlags makes the flag set of the command name, with --entry defined and usage
// printed as the usage line followed by the flags.
func newProjectFlags(name, usage string, stderr io.Writer) *projectFlags {
	f := &projectFlags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), stderr: stderr}
	f.SetOutput(stderr)
	f.Var(&f.entries, "entry", "an entry module (repeatable); default: guessed from package.json")
	f.Usage = func() {
		fmt.Fprintln(stderr, usage)
		f.PrintDefaults()
	}
	return f
}

// openProject parses args and opens the project in the directory they name ("." when none).
// conflicting, when not nil, reports a combination of the command's flags it rejects. On
// failure the reason is printed and exit is the code to leave with: 2 for bad usage, 1 for a
// project that cannot be opened.
func (f *projectFlags) openProject(args []string, conflicting func() bool) (w *analysis.Workspace, dir string, exit int) {
	positional, err := parseInterspersed(f.FlagSet, args)
	if err != nil {
		return nil, "", 2
	}
	if len(positional) > 1 || (conflicting != nil && conflicting()) {
		f.Usage()
		return nil, "", 2
	}
	dir = "."
	if len(positional) == 1 {
		dir = positional[0]
	}
	w, err = openWorkspace(dir, f.entries, f.stderr)
	if err != nil {
		fmt.Fprintf(f.stderr, "hotswap %s: %v\n", f.Name(), err)
		return nil, "", 1
	}
	return w, dir, 0
}

// parseInterspersed parses flags that may come before or after the positional arguments, as
// `hotswap check dir --json` expects, and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// openWorkspace opens the project in dir for check and graph, and reports which entries it
// uses on stderr.
func openWorkspace(dir string, entries []string, stderr io.Writer) (*analysis.Workspace, error) {
	// The facts of files parsed in an earlier run are taken from the cache (issue 16: a second
	// check of an unchanged project parses nothing).
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cache := factscache.Open(factscache.Dir(), abs)
	w, err := analysis.OpenCached(analysis.OSFS{}, dir, entries, cache)
	if err != nil {
		return nil, err
	}
	// A cache that cannot be written only makes the next run slower.
	_ = cache.Save()
	found := w.Entries()
	if len(found) == 0 {
		w.Close()
		return nil, errors.New("no entry found: pass --entry FILE, or give package.json a \"dev\" or \"start\" script, \"main\" or \"bin\"")
	}
	for _, e := range found {
		fmt.Fprintf(stderr, "entry: %s (%s)\n", e.Path, e.Source)
	}
	return w, nil
}

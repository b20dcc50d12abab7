package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func init() {
	commands["graph"] = command{
		summary: "dump the module graph with each file's verdict (--json or --dot)",
		run:     func(args []string) int { return runGraph(args, os.Stdout, os.Stderr) },
	}
}

// runGraph prints the module graph as JSON (the default) or Graphviz DOT.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var entries analysisEntries
	fs.Var(&entries, "entry", "an entry module (repeatable); default: guessed from package.json")
	asJSON := fs.Bool("json", false, "print the graph as JSON (the default)")
	asDOT := fs.Bool("dot", false, "print the graph as Graphviz DOT")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: hotswap graph [--entry FILE]... [--json|--dot] [dir]")
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil || len(positional) > 1 || (*asJSON && *asDOT) {
		if err == nil {
			fs.Usage()
		}
		return 2
	}
	dir := "."
	if len(positional) == 1 {
		dir = positional[0]
	}
	w, err := openWorkspace(dir, entries, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "hotswap graph:", err)
		return 1
	}
	defer w.Close()
	dump := w.Graph()
	if *asDOT {
		fmt.Fprint(stdout, dump.DOT())
		return 0
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(dump); err != nil {
		fmt.Fprintln(stderr, "hotswap graph:", err)
		return 1
	}
	return 0
}

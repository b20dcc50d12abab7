package main

import (
	"encoding/json"
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
	fs := newProjectFlags("graph", "usage: hotswap graph [--entry FILE]... [--json|--dot] [dir]", stderr)
	asJSON := fs.Bool("json", false, "print the graph as JSON (the default)")
	asDOT := fs.Bool("dot", false, "print the graph as Graphviz DOT")
	w, _, exit := fs.openProject(args, func() bool { return *asJSON && *asDOT })
	if w == nil {
		return exit
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

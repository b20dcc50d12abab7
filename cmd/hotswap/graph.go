package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

func init() {
	commands["graph"] = command{
		summary: "dump the module graph with each file's verdict (--json, --dot or --html FILE)",
		run:     func(args []string) int { return runGraph(args, os.Stdout, os.Stderr) },
	}
}

// runGraph prints the module graph as JSON (the default) or Graphviz DOT, or writes it as a
// self-contained HTML page.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fs := newProjectFlags("graph", "usage: hotswap graph [--entry FILE]... [--json|--dot|--html FILE] [dir]", stderr)
	asJSON := fs.Bool("json", false, "print the graph as JSON (the default)")
	asDOT := fs.Bool("dot", false, "print the graph as Graphviz DOT")
	htmlFile := fs.String("html", "", "write the graph view of the VS Code panel to `FILE`, one self-contained HTML page")
	w, _, exit := fs.openProject(args, func() bool {
		formats := 0
		for _, on := range []bool{*asJSON, *asDOT, *htmlFile != ""} {
			if on {
				formats++
			}
		}
		return formats > 1
	})
	if w == nil {
		return exit
	}
	defer w.Close()
	if *htmlFile != "" {
		f, err := os.Create(*htmlFile)
		if err == nil {
			err = writeGraphHTML(f, w, time.Now())
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "hotswap graph:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s: open it in a browser\n", *htmlFile)
		return 0
	}
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

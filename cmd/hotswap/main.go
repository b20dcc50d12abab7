// Command hotswap is the Hotswap command line: it supervises a Node.js app under hot
// module reloading (run), gives the static hot-or-restart verdict of every file (check,
// graph) and serves the editor (lsp).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"

	"github.com/hotswap/hotswap/hmr/treesitter"
)

// version is the release of this binary; the VS Code extension checks it with --version.
const version = "0.1.0"

// command is one subcommand: its one-line summary and the function that runs it with the
// arguments after its name, returning the process exit code.
type command struct {
	summary string
	run     func(args []string) int
}

// commands holds every subcommand by name; each lives in its own file of this package.
var commands = map[string]command{}

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

func dispatch(args []string) int {
	if len(args) == 0 {
		usage()
		return 2
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage()
		return 0
	case "-v", "--version", "version":
		fmt.Println("hotswap", version)
		if len(args) > 1 && args[1] == "--verbose" {
			// Release builds differ in how they parse; a bug report should say which.
			fmt.Println("parser: tree-sitter under", treesitter.Backend)
			fmt.Printf("built with: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "hotswap: unknown command %q\n\n", args[0])
		usage()
		return 2
	}
	return cmd.run(args[1:])
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: hotswap <command> [flags] [args]")
	fmt.Fprintln(os.Stderr, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintf(os.Stderr, "  %-8s %s\n", "version", "print the version (--verbose: and how it was built)")
}

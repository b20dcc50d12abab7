package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/hotswap/hotswap/lsp"
)

func init() {
	commands["lsp"] = command{
		summary: "serve the editor: the language server over stdio (lsp/PROTOCOL.md)",
		run:     func(args []string) int { return runLSP(args, os.Stdin, os.Stdout, os.Stderr) },
	}
}

// stdio joins stdin and stdout into the one connection the server talks over.
type stdio struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

// Close closes both ends, which ends the server's read loop.
func (s stdio) Close() error {
	for _, c := range s.closers {
		_ = c.Close()
	}
	return nil
}

// runLSP serves one client over stdin and stdout until it sends exit or hangs up. Everything
// the server says besides LSP goes to stderr, since stdout is the protocol's.
func runLSP(args []string, stdin io.ReadCloser, stdout io.WriteCloser, stderr io.Writer) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("stdio", true, "talk over stdin and stdout (the only transport; accepted because editors pass it)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: hotswap lsp [--stdio]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	conn := stdio{Reader: stdin, Writer: stdout, closers: []io.Closer{stdin, stdout}}
	if err := lsp.Serve(ctx, conn, lsp.Options{Log: stderr}); err != nil {
		fmt.Fprintln(stderr, "hotswap lsp:", err)
		return 1
	}
	return 0
}

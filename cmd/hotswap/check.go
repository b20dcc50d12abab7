package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis"
)

func init() {
	commands["check"] = command{
		summary: "say which files hot-swap and which restart the app, without running it",
		run:     func(args []string) int { return runCheck(args, os.Stdout, os.Stderr) },
	}
}

// checkReport is the --json output of hotswap check.
type checkReport struct {
	Entries  []analysis.Entry   `json:"entries"`
	Verdicts []analysis.Verdict `json:"verdicts"`
	Findings []analysis.Finding `json:"findings"`
}

// runCheck prints the findings of a project as compilers do, `file:line:col: kind: message`,
// and exits 1 when one of them is an error.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var entries analysisEntries
	fs.Var(&entries, "entry", "an entry module (repeatable); default: guessed from package.json")
	asJSON := fs.Bool("json", false, "print entries, verdicts and findings as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: hotswap check [--entry FILE]... [--json] [dir]")
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil || len(positional) > 1 {
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
		fmt.Fprintln(stderr, "hotswap check:", err)
		return 1
	}
	defer w.Close()
	findings := w.AllFindings()
	failed := false
	for _, f := range findings {
		failed = failed || f.Severity == analysis.SeverityError
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		report := checkReport{Entries: w.Entries(), Verdicts: w.Verdicts(), Findings: findings}
		if err := enc.Encode(report); err != nil {
			fmt.Fprintln(stderr, "hotswap check:", err)
			return 1
		}
	} else {
		for _, f := range findings {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", filepath.ToSlash(filepath.Join(dir, f.Path)),
				f.Range.Start.Line+1, f.Range.Start.Column+1, findingKind(f), f.Message)
		}
		printSummary(stderr, w.Verdicts(), findings)
	}
	if failed {
		return 1
	}
	return 0
}

// findingKind is the word after the position: "restart" for the verdict, else the severity.
func findingKind(f analysis.Finding) string {
	switch {
	case f.Code == analysis.CodeRestartRequired:
		return "restart"
	case f.Severity == analysis.SeverityInformation:
		return "info"
	}
	return string(f.Severity)
}

// printSummary counts verdicts and findings in one line.
func printSummary(w io.Writer, verdicts []analysis.Verdict, findings []analysis.Finding) {
	hot, restart, errorCount, warnings := 0, 0, 0, 0
	for _, v := range verdicts {
		if v.Kind == analysis.VerdictHot {
			hot++
		} else {
			restart++
		}
	}
	for _, f := range findings {
		switch f.Severity {
		case analysis.SeverityError:
			errorCount++
		case analysis.SeverityWarning:
			warnings++
		}
	}
	fmt.Fprintf(w, "%d modules: %d hot, %d restart; %d errors, %d warnings\n", len(verdicts), hot, restart, errorCount, warnings)
}

// analysisEntries collects repeated --entry flags.
type analysisEntries []string

// String and Set make analysisEntries a flag.Value.
func (e *analysisEntries) String() string     { return strings.Join(*e, ",") }
func (e *analysisEntries) Set(v string) error { *e = append(*e, v); return nil }

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
	w, err := analysis.Open(analysis.OSFS{}, dir, entries)
	if err != nil {
		return nil, err
	}
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

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	fs := newProjectFlags("check", "usage: hotswap check [--entry FILE]... [--json] [dir]", stderr)
	asJSON := fs.Bool("json", false, "print entries, verdicts and findings as JSON")
	w, dir, exit := fs.openProject(args, nil)
	if w == nil {
		return exit
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

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/facts"
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
	Reach    analysis.Reach     `json:"reach"`
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
	verdicts, reach := w.Verdicts(), w.Reach()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		report := checkReport{Entries: w.Entries(), Verdicts: verdicts, Findings: findings, Reach: reach}
		if err := enc.Encode(report); err != nil {
			fmt.Fprintln(stderr, "hotswap check:", err)
			return 1
		}
	} else {
		for _, l := range checkLines(verdicts, findings) {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", filepath.ToSlash(filepath.Join(dir, l.path)),
				l.at.Line+1, l.at.Column+1, l.kind, l.message)
		}
		printSummary(stderr, verdicts, findings)
		printReach(stderr, reach)
	}
	if failed {
		return 1
	}
	return 0
}

// checkLine is one line of check's output: a finding, or a hot verdict.
type checkLine struct {
	path          string
	at            facts.Point
	offset        int
	kind, message string
}

// checkLines puts the hot verdicts among the findings, each file's lines together and in
// the order of their positions, so that every module of the graph is named once at least.
func checkLines(verdicts []analysis.Verdict, findings []analysis.Finding) []checkLine {
	var lines []checkLine
	for _, v := range verdicts {
		if v.Kind == analysis.VerdictHot {
			lines = append(lines, checkLine{path: v.Path, kind: "hot",
				message: "edits here are swapped in place, accepted by " + strings.Join(v.AcceptedBy, ", ")})
		}
	}
	for _, f := range findings {
		lines = append(lines, checkLine{path: f.Path, at: f.Range.Start, offset: f.Range.StartByte, kind: findingKind(f), message: f.Message})
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].path != lines[j].path {
			return lines[i].path < lines[j].path
		}
		return lines[i].offset < lines[j].offset
	})
	return lines
}

// printReach says how many project files the graph leaves out, and why that may be.
func printReach(w io.Writer, reach analysis.Reach) {
	if len(reach.Unreached) == 0 {
		return
	}
	shown := reach.Unreached
	if len(shown) > 5 {
		shown = shown[:5]
	}
	more := ""
	if len(reach.Unreached) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(reach.Unreached)-len(shown))
	}
	files := "files are"
	if len(reach.Unreached) == 1 {
		files = "file is"
	}
	fmt.Fprintf(w, "%d project %s not reached from the entry (%s%s): edits do nothing until an import reaches them, unless they are loaded in a way the analysis cannot see\n",
		len(reach.Unreached), files, strings.Join(shown, ", "), more)
	for _, l := range reach.Loaders {
		fmt.Fprintf(w, "note: %s:%d:%d loads modules that no import names (%s): the analysis cannot follow it, so the files it loads count as not reached; pass them with --entry to check them\n",
			l.Path, l.Range.Start.Line+1, l.Range.Start.Column+1, l.What)
	}
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

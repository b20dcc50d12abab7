package analysis

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// Code identifies a kind of finding; the codes are listed in hmr/SEMANTICS.md section 7.
type Code string

// The finding codes.
const (
	CodeRestartRequired      Code = "hotswap/restart-required"
	CodeDeclined             Code = "hotswap/declined"
	CodeAcceptNotImported    Code = "hotswap/accept-not-imported"
	CodeUndisposedSideEffect Code = "hotswap/undisposed-side-effect"
	CodeUnresolvedImport     Code = "hotswap/unresolved-import"
	CodeSyntaxError          Code = "hotswap/syntax-error"
	CodeDynamicImportUnknown Code = "hotswap/dynamic-import-unknown"
	CodeUnreadableFile       Code = "hotswap/unreadable-file"
	CodeMissingEntry         Code = "hotswap/missing-entry"
	CodeInvalidConfig        Code = "hotswap/invalid-config"
)

// Severity ranks a finding as the LSP does.
type Severity string

// The severities findings use.
const (
	SeverityError       Severity = "error"
	SeverityWarning     Severity = "warning"
	SeverityInformation Severity = "information"
)

// Finding is one thing the analysis reports about a file, with the exact range it concerns.
type Finding struct {
	Path     string      `json:"path"`
	Range    facts.Range `json:"range"`
	Code     Code        `json:"code"`
	Severity Severity    `json:"severity"`
	Message  string      `json:"message"`
	// Chain is set on restart-required findings: the file, its importers, the entry.
	Chain []string `json:"chain,omitempty"`
	// Notes point at other places that explain the finding, as esbuild's Msg.Notes do: for a
	// restart, the import in each module of the chain that leads on to the entry.
	Notes []Note `json:"notes,omitempty"`
}

// Note is one place that explains a finding, in a file that may not be the finding's own.
type Note struct {
	Path    string      `json:"path"`
	Range   facts.Range `json:"range"`
	Message string      `json:"message"`
}

// Findings returns the findings of one file (absolute or root-relative), sorted by position.
func (w *Workspace) Findings(path string) []Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.abs(path)
	var out []Finding
	for _, f := range slices.Concat(w.entryFindings, w.configFindings, w.tsconfigFindings) {
		if w.abs(f.Path) == p {
			out = append(out, f)
		}
	}
	if m := w.graph.modules[p]; m != nil {
		out = append(out, w.moduleFindings(m)...)
	}
	sortFindings(out)
	return out
}

// AllFindings returns the findings of every module in the graph and of the entries, sorted by
// path and position.
func (w *Workspace) AllFindings() []Finding {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := slices.Concat(w.entryFindings, w.configFindings, w.tsconfigFindings)
	paths := w.modulePaths()
	// With every verdict cached, moduleFindings only reads the graph, so modules can be
	// done on every core.
	w.fillVerdicts(paths)
	each := make([][]Finding, len(paths))
	parallel(len(paths), func(i int) { each[i] = w.moduleFindings(w.graph.modules[paths[i]]) })
	for _, list := range each {
		out = append(out, list...)
	}
	sortFindings(out)
	return out
}

// severityRank puts errors first among findings at the same place.
var severityRank = map[Severity]int{SeverityError: 0, SeverityWarning: 1, SeverityInformation: 2}

func sortFindings(list []Finding) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Range.StartByte != b.Range.StartByte {
			return a.Range.StartByte < b.Range.StartByte
		}
		if severityRank[a.Severity] != severityRank[b.Severity] {
			return severityRank[a.Severity] < severityRank[b.Severity]
		}
		return a.Code < b.Code
	})
}

// moduleFindings computes one module's findings. The caller holds w.mu.
func (w *Workspace) moduleFindings(m *module) []Finding {
	var out []Finding
	add := func(r facts.Range, code Code, sev Severity, msg string) {
		out = append(out, Finding{Path: m.rel, Range: r, Code: code, Severity: sev, Message: msg})
	}
	if m.readErr != nil {
		add(facts.Range{}, CodeUnreadableFile, SeverityError, "cannot analyse this file: "+unwrapPathError(m.readErr).Error())
	}
	for _, e := range m.facts.SyntaxErrors {
		add(e.Range, CodeSyntaxError, SeverityError, "syntax error: "+e.Message)
	}
	for _, e := range m.edges {
		switch {
		case !e.imp.Literal:
			add(e.imp.Range, CodeDynamicImportUnknown, SeverityInformation,
				fmt.Sprintf("import(%s) is computed at run time: the analysis cannot follow it", e.imp.Specifier))
		case e.err != nil:
			msg := fmt.Sprintf("cannot resolve %q", e.imp.Specifier)
			if detail := firstLine(e.err.Error()); detail != fmt.Sprintf("Could not resolve %q", e.imp.Specifier) {
				msg += ": " + detail
			}
			add(e.imp.Range, CodeUnresolvedImport, SeverityError, msg)
		}
	}
	for _, a := range m.accepts {
		if !m.imports(a) {
			add(a.spec.Range, CodeAcceptNotImported, SeverityWarning,
				fmt.Sprintf("accept(%q) names a module this file does not import: it accepts nothing", a.spec.Text))
		}
	}
	for _, c := range m.facts.Calls(facts.HotDecline) {
		add(c.Range, CodeDeclined, SeverityWarning, "decline(): every edit to this file or its unaccepted dependencies restarts the app")
	}
	if m.facts.SelfAccepts() && len(m.facts.Calls(facts.HotDispose)) == 0 {
		for _, e := range m.facts.SideEffects {
			add(e.Range, CodeUndisposedSideEffect, SeverityWarning,
				fmt.Sprintf("%s( in a self-accepting module without dispose(): each reload adds another", e.Call))
		}
	}
	if f, ok := w.restartFinding(w.verdict(m.path)); ok {
		out = append(out, f)
	}
	return out
}

// imports reports whether an accepted specifier names something the module imports.
func (m *module) imports(a acceptance) bool {
	if a.err != nil {
		return false
	}
	for _, e := range m.edges {
		if e.err != nil {
			continue
		}
		if (a.target != "" && e.target == a.target) || (a.target == "" && e.external && e.imp.Specifier == a.spec.Text) {
			return true
		}
	}
	return false
}

// unwrapPathError drops the path an *fs.PathError repeats, since findings name the file.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// firstLine cuts a multi-line message to its first line.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// RestartFinding is the restart-required finding a verdict deserves, if it is a restart. The
// language server also builds it from the running app's verdicts, so both read the same and
// point at the same imports.
func (w *Workspace) RestartFinding(v Verdict) (Finding, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.restartFinding(v)
}

// restartFinding builds the finding with one note per importer on the chain, at the import
// that leads on. The caller holds w.mu.
func (w *Workspace) restartFinding(v Verdict) (Finding, bool) {
	if v.Kind != VerdictRestart {
		return Finding{}, false
	}
	msg := "edits here restart the app: " + strings.Join(v.Chain, " -> ")
	if v.Declined != "" {
		msg = "edits here restart the app: declined by " + v.Declined + ": " + strings.Join(v.Chain, " -> ")
	}
	f := Finding{Path: v.Path, Code: CodeRestartRequired, Severity: SeverityInformation, Message: msg, Chain: v.Chain}
	for i := 1; i < len(v.Chain); i++ {
		importer, imported := v.Chain[i], v.Chain[i-1]
		note := Note{Path: importer, Range: w.importRange(w.abs(importer), w.abs(imported)),
			Message: importer + " imports " + imported + " and accepts no update of it"}
		if i == len(v.Chain)-1 {
			note.Message = "entry " + note.Message
		}
		f.Notes = append(f.Notes, note)
	}
	return f, true
}

// importRange is where importer first imports target, or the zero range when the analysis
// does not know (a module only the running app loaded). The caller holds w.mu.
func (w *Workspace) importRange(importer, target string) facts.Range {
	if m := w.graph.modules[importer]; m != nil {
		for _, e := range m.edges {
			if e.err == nil && e.target == target {
				return e.imp.Range
			}
		}
	}
	return facts.Range{}
}

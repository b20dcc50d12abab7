package analysis

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
	"github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// expectedCase is testdata/verdicts/<case>/verdicts.json, the format shared with the runtime.
type expectedCase struct {
	Entry    string             `json:"entry"`
	Files    map[string]Verdict `json:"files"`
	Findings []expectedFinding  `json:"findings"`
}

// expectedFinding is a finding the analyser must report besides the restart-required ones
// the verdicts imply. Line and column are one-based.
type expectedFinding struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Code   Code   `json:"code"`
}

// verdictCases lists the fixture projects: testdata/verdicts/, which the runtime checks too,
// and testdata/analysis/verdicts-awaiting-runtime/, whose verdicts the runtime will share
// once it follows the same rules (they move to testdata/verdicts/ then).
func verdictCases(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(oxctest.RepoRoot(t), "testdata", "verdicts", "*", "verdicts.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixture cases found: %v", err)
	}
	awaiting, err := filepath.Glob(filepath.Join(oxctest.RepoRoot(t), "testdata", "analysis", "verdicts-awaiting-runtime", "*", "verdicts.json"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, awaiting...)
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func loadExpected(t *testing.T, dir string) expectedCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "verdicts.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c expectedCase
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s/verdicts.json: %v", dir, err)
	}
	return c
}

// sourceFiles lists a case's JS/TS/JSON files (verdicts.json aside), relative and slashed.
func sourceFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch filepath.Ext(rel) {
		case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".json":
			if rel != "verdicts.json" {
				out = append(out, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFixtureVerdicts(t *testing.T) {
	for _, dir := range verdictCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want := loadExpected(t, dir)
			w, err := Open(OSFS{}, dir, []string{want.Entry})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			for _, rel := range sourceFiles(t, dir) {
				if _, ok := want.Files[rel]; !ok {
					t.Errorf("%s is missing from verdicts.json", rel)
				}
			}
			for rel, expected := range want.Files {
				expected.Path = rel
				if got := w.Verdict(rel); !reflect.DeepEqual(got, expected) {
					t.Errorf("%s:\n got %+v\nwant %+v", rel, got, expected)
				}
			}
			checkFindings(t, w, want)
		})
	}
}

// checkFindings compares the workspace's findings with the expected ones plus one
// restart-required finding per restart verdict.
func checkFindings(t *testing.T, w *Workspace, want expectedCase) {
	t.Helper()
	expected := map[expectedFinding]bool{}
	for _, f := range want.Findings {
		expected[f] = true
	}
	for rel, v := range want.Files {
		if v.Kind == VerdictRestart {
			expected[expectedFinding{Path: rel, Line: 1, Column: 1, Code: CodeRestartRequired}] = true
		}
	}
	got := map[expectedFinding]bool{}
	for _, f := range w.AllFindings() {
		got[expectedFinding{Path: f.Path, Line: f.Range.Start.Line + 1, Column: f.Range.Start.Column + 1, Code: f.Code}] = true
	}
	for f := range expected {
		if !got[f] {
			t.Errorf("missing finding %+v", f)
		}
	}
	for f := range got {
		if !expected[f] {
			t.Errorf("unexpected finding %+v", f)
		}
	}
}

// TestFixtureResolutionAgreesWithOxc resolves every literal import and accepted specifier of
// every fixture with both resolvers.
func TestFixtureResolutionAgreesWithOxc(t *testing.T) {
	for _, dir := range verdictCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r, err := resolve.New(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			w, err := Open(OSFS{}, dir, []string{loadExpected(t, dir).Entry})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			var queries []oxctest.Query
			for _, m := range w.graph.modules {
				for _, imp := range m.facts.Imports {
					if imp.Literal {
						queries = append(queries, oxctest.Query{Importer: m.path, Specifier: imp.Specifier})
					}
				}
				for _, a := range m.accepts {
					queries = append(queries, oxctest.Query{Importer: m.path, Specifier: a.spec.Text})
				}
			}
			if len(queries) == 0 {
				t.Fatal("no imports found in the fixture")
			}
			oxctest.CompareWithOxc(t, r, queries)
		})
	}
}

func TestFixtureFilesAreListed(t *testing.T) {
	for _, dir := range verdictCases(t) {
		want := loadExpected(t, dir)
		for rel := range want.Files {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				t.Errorf("%s/verdicts.json lists %s, which does not exist", filepath.Base(dir), rel)
			}
			if strings.Contains(rel, `\`) {
				t.Errorf("%s: paths use forward slashes", rel)
			}
		}
	}
}

package analysis

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// TestImportElisionAgreesWithOxcTransform checks that the facts keep exactly the static
// imports that oxc-transform (the runtime's TypeScript stripper) keeps.
func TestImportElisionAgreesWithOxcTransform(t *testing.T) {
	root := oxctest.RepoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "testdata", "analysis", "elision", "*.ts*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no elision samples: %v", err)
	}
	cmd := exec.Command(oxctest.NodeBinary(t, root), append([]string{filepath.Join(root, "testdata", "analysis", "oxc-imports.mjs")}, files...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oxc-imports.mjs: %v", err)
	}
	var kept map[string][]string
	if err := json.Unmarshal(out, &kept); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := facts.Parse(file, src)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{}
		for _, imp := range f.Imports {
			if imp.Kind != facts.ImportDynamic {
				got = append(got, imp.Specifier)
			}
		}
		want := []string{}
		for _, spec := range kept[file] {
			if spec != "react/jsx-runtime" { // added by the JSX transform, external anyway
				want = append(want, spec)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n facts keep %q\n oxc keeps  %q", filepath.Base(file), got, want)
		}
	}
}

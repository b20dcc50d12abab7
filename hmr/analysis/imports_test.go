package analysis

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// Imports and Accepts give each specifier's target as the graph resolved it; Modules lists the
// graph without verdicts, and all three follow an update.
func TestImportsAcceptsAndModules(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import fs from 'node:fs';\nimport './app.js';\nimport './nope.js';\nimport './legacy.cjs';\nimport(`./${x}.js`);\nimport.meta.hot?.accept('./app.js');\n",
		"app.js":       "export {};\n",
		"legacy.cjs":   "module.exports = 1;\n",
	}, "main.js")
	imports := w.Imports("main.js")
	var got []string
	for _, imp := range imports {
		switch {
		case imp.Err != nil:
			got = append(got, imp.Import.Specifier+" error")
		case imp.External:
			got = append(got, imp.Import.Specifier+" external "+imp.Path)
		default:
			rel, _ := filepath.Rel(dir, imp.Path)
			got = append(got, imp.Import.Specifier+" -> "+filepath.ToSlash(rel))
		}
	}
	want := "node:fs external node:fs|./app.js -> app.js|./nope.js error|./legacy.cjs -> legacy.cjs"
	if strings.Join(got, "|") != want {
		t.Fatalf("Imports(main.js) = %q, want %q", strings.Join(got, "|"), want)
	}
	if imports[2].Import.Range.Start.Line != 2 {
		t.Errorf("the unresolved import's range: %+v", imports[2].Import.Range)
	}
	accepts := w.Accepts(filepath.Join(dir, "main.js"))
	if len(accepts) != 1 || accepts[0].Specifier.Text != "./app.js" || accepts[0].Path != filepath.Join(dir, "app.js") || accepts[0].Err != nil {
		t.Fatalf("Accepts(main.js) = %+v", accepts)
	}
	if w.Accepts("elsewhere.js") != nil {
		t.Fatal("a file outside the graph has accepts")
	}
	modules := func() string {
		var rels []string
		for _, p := range w.Modules() {
			rel, _ := filepath.Rel(dir, p)
			rels = append(rels, filepath.ToSlash(rel))
		}
		return strings.Join(rels, " ")
	}
	// The CommonJS file is in the graph too (SEMANTICS.md section 8).
	if got := modules(); got != "app.js legacy.cjs main.js" {
		t.Fatalf("Modules() = %q", got)
	}

	// Creating the missing file resolves its import and adds it to the graph.
	oxctest.WriteTree(t, dir, map[string]string{"nope.js": "export {};\n"})
	w.Update("nope.js")
	if imp := w.Imports("main.js")[2]; imp.Err != nil || imp.Path != filepath.Join(dir, "nope.js") {
		t.Fatalf("after creating nope.js: %+v", imp)
	}
	if got := modules(); got != "app.js legacy.cjs main.js nope.js" {
		t.Fatalf("Modules() after creating nope.js = %q", got)
	}
}

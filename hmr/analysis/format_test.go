package analysis

import (
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// TestCommonJSEntryIsAnalysed: a CommonJS entry is in the graph (hmr/SEMANTICS.md section 8):
// no missing-entry finding, and an edit to it restarts, as the runtime says.
func TestCommonJSEntryIsAnalysed(t *testing.T) {
	cases := map[string]map[string]string{
		"detected": {"package.json": `{"name": "app"}`, "index.js": `const http = require("node:http"); http.createServer().listen(0);`},
		"by type":  {"package.json": `{"type": "commonjs"}`, "index.js": `require("./x.js");`, "x.js": ``},
		"by name":  {"package.json": `{"type": "module"}`, "index.cjs": `require("./x.cjs");`, "x.cjs": ``},
	}
	for name, files := range cases {
		entry := "index.js"
		if _, ok := files["index.cjs"]; ok {
			entry = "index.cjs"
		}
		w, _ := openTree(t, files, entry)
		if got := findingsByCode(w, CodeMissingEntry); len(got) != 0 {
			t.Errorf("%s: missing-entry findings %q", name, got)
		}
		if got := verdictSummary(w.Verdict(entry)); got != "restart "+entry {
			t.Errorf("%s: verdict of the entry %q", name, got)
		}
		for _, dep := range []string{"x.js", "x.cjs"} {
			if _, ok := files[dep]; ok {
				if got := verdictSummary(w.Verdict(dep)); got != "restart "+dep+","+entry {
					t.Errorf("%s: verdict of what it requires %q", name, got)
				}
			}
		}
	}
}

// TestEditChangesAFilesFormat: a type-less CommonJS file that gains an export becomes an ES
// module and back; the ES importer that accepts it stays its boundary in both formats.
func TestEditChangesAFilesFormat(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": `{"name": "app"}`,
		"main.mjs":     "import lib from './lib.js';\nimport.meta.hot?.accept('./lib.js');\nconsole.log(lib);\n",
		"lib.js":       "module.exports = 1;\n",
	}, "main.mjs")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("CommonJS lib.js: %q", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"lib.js": "export default 1;\n"})
	w.Update("lib.js")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("lib.js turned ES module: %q", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"lib.js": "module.exports = 2;\n"})
	w.Update("lib.js")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("lib.js back to CommonJS: %q", got)
	}
	// A "type" added to package.json decides without looking at the syntax.
	oxctest.WriteTree(t, dir, map[string]string{"package.json": `{"name": "app", "type": "module"}`})
	w.Update("package.json")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("lib.js under \"type\": \"module\": %q", got)
	}
}

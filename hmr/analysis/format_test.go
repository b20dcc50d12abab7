package analysis

import (
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

func TestCommonJSEntryIsNamedAsSuch(t *testing.T) {
	cases := map[string]map[string]string{
		"detected": {"package.json": `{"name": "app"}`, "index.js": `const http = require("node:http"); http.createServer().listen(0);`},
		"by type":  {"package.json": `{"type": "commonjs"}`, "index.js": `import "./x.js";`},
		"by name":  {"package.json": `{"type": "module"}`, "index.cjs": `require("./x.js");`},
	}
	for name, files := range cases {
		entry := "index.js"
		if _, ok := files["index.cjs"]; ok {
			entry = "index.cjs"
		}
		w, _ := openTree(t, files, entry)
		findings := w.AllFindings()
		if len(findings) != 1 || findings[0].Code != CodeMissingEntry || !strings.Contains(findings[0].Message, "CommonJS") {
			t.Errorf("%s: %+v", name, findings)
		}
	}
}

// TestEditChangesAFilesFormat: a type-less CommonJS file that gains an export becomes an ES
// module, and the importers' edges follow it into the graph, and out again.
func TestEditChangesAFilesFormat(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": `{"name": "app"}`,
		"main.mjs":     "import lib from './lib.js';\nimport.meta.hot?.accept('./lib.js');\nconsole.log(lib);\n",
		"lib.js":       "module.exports = 1;\n",
	}, "main.mjs")
	if got := w.Verdict("lib.js").Kind; got != VerdictNotInGraph {
		t.Fatalf("CommonJS lib.js: %s", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"lib.js": "export default 1;\n"})
	w.Update("lib.js")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("lib.js turned ES module: %q", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"lib.js": "module.exports = 2;\n"})
	w.Update("lib.js")
	if got := w.Verdict("lib.js").Kind; got != VerdictNotInGraph {
		t.Fatalf("lib.js back to CommonJS: %s", got)
	}
	// A "type" added to package.json decides without looking at the syntax.
	oxctest.WriteTree(t, dir, map[string]string{"package.json": `{"name": "app", "type": "module"}`})
	w.Update("package.json")
	if got := verdictSummary(w.Verdict("lib.js")); got != "hot main.mjs" {
		t.Fatalf("lib.js under \"type\": \"module\": %q", got)
	}
}

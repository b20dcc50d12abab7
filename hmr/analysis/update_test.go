package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

func TestUpdateFollowsEdits(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './app.js';\n",
		"app.js":       "import './db.js';\n",
		"db.js":        "",
		"extra.js":     "",
	}, "main.js")
	if v := w.Verdict("db.js"); v.Kind != VerdictRestart {
		t.Fatalf("before: %+v", v)
	}
	db := w.modules[filepath.Join(dir, "db.js")]

	// app.js starts accepting db.js and importing extra.js.
	oxctest.WriteTree(t, dir, map[string]string{"app.js": "import './db.js';\nimport './extra.js';\nimport.meta.hot?.accept('./db.js');\n"})
	w.Update("app.js")
	if v := w.Verdict("db.js"); v.Kind != VerdictHot || strings.Join(v.AcceptedBy, ",") != "app.js" {
		t.Fatalf("after accept: %+v", v)
	}
	if f := w.Facts("app.js"); f == nil || len(f.HotCalls) != 1 || len(f.Imports) != 2 {
		t.Fatalf("facts of app.js after the edit: %+v", f)
	}
	if w.Facts("nowhere.js") != nil {
		t.Fatal("a file outside the graph has no facts")
	}
	if v := w.Verdict("extra.js"); v.Kind != VerdictRestart {
		t.Fatalf("extra.js joined the graph: %+v", v)
	}
	if w.modules[filepath.Join(dir, "db.js")] != db {
		t.Fatal("Update re-parsed db.js, which did not change")
	}

	// app.js drops both imports: they leave the graph.
	oxctest.WriteTree(t, dir, map[string]string{"app.js": "export {};\n"})
	w.Update(filepath.Join(dir, "app.js"))
	for _, p := range []string{"db.js", "extra.js"} {
		if v := w.Verdict(p); v.Kind != VerdictNotInGraph {
			t.Fatalf("%s after its import was removed: %+v", p, v)
		}
	}
}

func TestUpdateSeesCreatedAndDeletedFiles(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './later.js';\nimport './soon-gone.js';\n",
		"soon-gone.js": "",
	}, "main.js")
	if got := findingsByCode(w, CodeUnresolvedImport); strings.Join(got, " ") != "main.js:1:8" {
		t.Fatalf("before: %q", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"later.js": ""})
	if err := os.Remove(filepath.Join(dir, "soon-gone.js")); err != nil {
		t.Fatal(err)
	}
	w.Update("later.js", "soon-gone.js")
	if got := findingsByCode(w, CodeUnresolvedImport); strings.Join(got, " ") != "main.js:2:8" {
		t.Fatalf("after creating later.js and deleting soon-gone.js: %q", got)
	}
	if v := w.Verdict("later.js"); v.Kind != VerdictRestart {
		t.Fatalf("later.js: %+v", v)
	}
}

func TestUpdateOfTsconfigReResolves(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json":  `{"type": "module"}`,
		"tsconfig.json": `{"compilerOptions": {"paths": {"@x/*": ["./one/*"]}}}`,
		"main.ts":       "import '@x/mod.js';\n",
		"one/mod.ts":    "",
		"two/mod.ts":    "",
	}, "main.ts")
	if v := w.Verdict("one/mod.ts"); v.Kind != VerdictRestart {
		t.Fatalf("before: %+v", v)
	}
	oxctest.WriteTree(t, dir, map[string]string{"tsconfig.json": `{"compilerOptions": {"paths": {"@x/*": ["./two/*"]}}}`})
	w.Update("tsconfig.json")
	if v := w.Verdict("one/mod.ts"); v.Kind != VerdictNotInGraph {
		t.Fatalf("one/mod.ts after the paths change: %+v", v)
	}
	if v := w.Verdict("two/mod.ts"); v.Kind != VerdictRestart {
		t.Fatalf("two/mod.ts after the paths change: %+v", v)
	}
}

func TestOverlayFeedsUnsavedBuffers(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './app.js';\n",
		"app.js":       "",
	})
	overlay := NewOverlay(OSFS{})
	w, err := Open(overlay, dir, []string{"main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	overlay.Set(filepath.Join(dir, "main.js"), []byte("import './app.js';\nimport.meta.hot.accept('./app.js');\nimport './app.js'\n;;; (\n"))
	w.Update("main.js")
	if v := w.Verdict("app.js"); v.Kind != VerdictHot {
		t.Fatalf("the unsaved accept should count: %+v", v)
	}
	if got := findingsByCode(w, CodeSyntaxError); len(got) != 1 || !strings.HasPrefix(got[0], "main.js:") {
		t.Fatalf("the unsaved syntax error should show: %q", got)
	}
	overlay.Remove(filepath.Join(dir, "main.js"))
	w.Update("main.js")
	if v := w.Verdict("app.js"); v.Kind != VerdictRestart {
		t.Fatalf("back to the saved file: %+v", v)
	}
}

func TestUpdateOfAnUnrelatedFile(t *testing.T) {
	w, _ := openTree(t, map[string]string{"package.json": `{"type": "module"}`, "main.js": "", "README.md": "hi"}, "main.js")
	w.Update("README.md", "no/such/file.js")
	if v := w.Verdict("main.js"); v.Kind != VerdictRestart {
		t.Fatalf("main.js: %+v", v)
	}
}

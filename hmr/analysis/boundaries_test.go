package analysis

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

func TestBoundaryGlobsMatch(t *testing.T) {
	dir := filepath.FromSlash("/project")
	cases := []struct {
		pattern string
		path    string
		want    bool
	}{
		{"./controllers/*.js", "controllers/users.js", true},
		{"controllers/*.js", "controllers/users.js", true},
		{"./controllers/*.js", "controllers/admin/users.js", false}, // * stays within one segment
		{"./controllers/**/*.js", "controllers/users.js", true},     // ** may match no folder
		{"./controllers/**/*.js", "controllers/admin/deep/users.js", true},
		{"**/*.ts", "src/a/b.ts", true},
		{"./controllers/**/*.js", "controllers/users.ts", false},
		{"./controllers/**/*.js", "lib/controllers/users.js", false},
		{"./controllers/**/*.js", "../elsewhere/controllers/users.js", false},
		{"./src/*", "src", false},
		{"./lib/../controllers/*.js", "controllers/users.js", true}, // folded as the runtime's join does
		{"../shared/*.js", "../shared/util.js", true},
		{"/controllers/*.js", "controllers/users.js", true}, // from the folder, as posix.join reads it
		// Only stars are glob syntax (hmr/SEMANTICS.md section 2), as in the runtime.
		{"pages/[id].js", "pages/[id].js", true},
		{"pages/[id].js", "pages/i.js", false},
		{"pages/{a,b}.js", "pages/{a,b}.js", true},
		{"pages/{a,b}.js", "pages/a.js", false},
		{"pages/?.js", "pages/a.js", false},
		{`pages/a\b.js`, `pages/a\b.js`, filepath.Separator == '/'},
	}
	for _, c := range cases {
		quoted, _ := json.Marshal(c.pattern)
		globs, findings := parseBoundaryGlobs(filepath.Join(dir, "package.json"), "package.json",
			[]byte(`{"hotHook": {"boundaries": [`+string(quoted)+`]}}`))
		if len(findings) > 0 {
			t.Fatalf("%q: %+v", c.pattern, findings)
		}
		path := filepath.Join(dir, filepath.FromSlash(c.path))
		if got := globs.matches(path); got != c.want {
			t.Errorf("%q matches %s: got %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestHotHookBoundariesMakeOnlyDynamicImportsBoundaries(t *testing.T) {
	w, _ := openTree(t, map[string]string{
		"package.json": `{"type": "module", "hotHook": {"boundaries": ["./controllers/**/*.js"]}}`,
		"main.js": "import './controllers/static.js';\n" +
			"await import('./controllers/admin/dynamic.js');\n" +
			"await import('./lib/other.js');\n",
		"controllers/static.js":        "",
		"controllers/admin/dynamic.js": "import '../../lib/shared.js';\n",
		"lib/other.js":                 "",
		"lib/shared.js":                "",
	}, "main.js")
	for file, want := range map[string]string{
		"controllers/admin/dynamic.js": "hot main.js",
		"lib/shared.js":                "hot main.js",
		// A static import of a matching file is not a boundary, as in hot-hook.
		"controllers/static.js": "restart controllers/static.js,main.js",
		"lib/other.js":          "restart lib/other.js,main.js",
	} {
		if got := verdictSummary(w.Verdict(file)); got != want {
			t.Errorf("%s: got %q, want %q", file, got, want)
		}
	}
	boundaries := map[string]bool{}
	for _, imp := range w.Imports("main.js") {
		boundaries[imp.Import.Specifier] = imp.Import.Boundary
	}
	if !boundaries["./controllers/admin/dynamic.js"] || boundaries["./controllers/static.js"] || boundaries["./lib/other.js"] {
		t.Errorf("boundary imports of main.js: %v", boundaries)
	}
	// The facts say what the source says; the configuration only marks the resolved edge.
	for _, imp := range w.Facts("main.js").Imports {
		if imp.Boundary {
			t.Errorf("facts of main.js mark %s as a boundary", imp.Specifier)
		}
	}
	if got := findingsByCode(w, CodeInvalidConfig); len(got) != 0 {
		t.Errorf("invalid-config findings for a valid configuration: %q", got)
	}
}

func TestHotHookBoundariesComeFromThePackageJSONNearestTheEntry(t *testing.T) {
	w, _ := openTree(t, map[string]string{
		// The project root's package.json names the same files, but app/ has its own.
		"package.json":      `{"type": "module", "hotHook": {"boundaries": ["app/routes/*.js"]}}`,
		"app/package.json":  `{"type": "module", "hotHook": {"boundaries": ["handlers/*.js"]}}`,
		"app/main.js":       "await import('./routes/a.js');\nawait import('./handlers/b.js');\n",
		"app/routes/a.js":   "",
		"app/handlers/b.js": "",
	}, "app/main.js")
	if files := w.ConfigFiles(); len(files) != 1 || files[0] != filepath.Join(w.Root(), "app", "package.json") {
		t.Errorf("config files: %q", files)
	}
	if got := verdictSummary(w.Verdict("app/handlers/b.js")); got != "hot app/main.js" {
		t.Errorf("app/handlers/b.js (matched from app/): %q", got)
	}
	if got := verdictSummary(w.Verdict("app/routes/a.js")); got != "restart app/routes/a.js,app/main.js" {
		t.Errorf("app/routes/a.js (only the root package.json names it): %q", got)
	}
}

func TestUpdateRereadsHotHookBoundariesThroughTheFileSystem(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		"package.json":  `{"type": "module"}`,
		"main.js":       "await import('./pages/home.js');\n",
		"pages/home.js": "",
	})
	// An unsaved editor buffer of package.json must count: the analysis reads it only
	// through its FileSystem.
	overlay := NewOverlay(OSFS{})
	w, err := Open(overlay, dir, []string{"main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "restart pages/home.js,main.js" {
		t.Fatalf("before any boundaries: %q", got)
	}
	pkg := filepath.Join(w.Root(), "package.json")
	overlay.Set(pkg, []byte(`{"type": "module", "hotHook": {"boundaries": ["pages/*.js"]}}`))
	w.Update(pkg)
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "hot main.js" {
		t.Fatalf("after adding hotHook.boundaries: %q", got)
	}
	overlay.Set(pkg, []byte(`{"type": "module", "hotHook": {"boundaries": ["other/*.js"]}}`))
	w.Update(pkg)
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "restart pages/home.js,main.js" {
		t.Fatalf("after the pattern stopped matching: %q", got)
	}
}

func TestInvalidHotHookBoundariesAreFindingsOnPackageJSON(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json": "{\n  \"type\": \"module\",\n  \"hotHook\": {\n    \"boundaries\": [\n" +
			"      \"./pages/*.js\"\n    ]\n  }\n}\n",
		"main.js":       "await import('./pages/home.js');\n",
		"pages/home.js": "export default 1;\n",
	}, "main.js")
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "hot main.js" {
		t.Errorf("pages/home.js with a valid list: %q", got)
	}
	if findings := w.Findings("package.json"); len(findings) != 0 {
		t.Errorf("findings on a valid package.json: %+v", findings)
	}

	// An entry that is not a glob string voids the whole list, as in the runtime.
	oxctest.WriteTree(t, dir, map[string]string{"package.json": "{\"type\": \"module\", \"hotHook\": {\"boundaries\": [\n  \"./pages/*.js\",\n  42]}}"})
	w.Update("package.json")
	if got := strings.Join(findingsByCode(w, CodeInvalidConfig), " "); got != "package.json:3:3" {
		t.Errorf("a number in the list: %q", got)
	}
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "restart pages/home.js,main.js" {
		t.Errorf("pages/home.js with a voided list: %q", got)
	}

	oxctest.WriteTree(t, dir, map[string]string{"package.json": "{\"type\": \"module\",\n \"hotHook\": {\"boundaries\": \"pages/*.js\"}}"})
	w.Update("package.json")
	if got := strings.Join(findingsByCode(w, CodeInvalidConfig), " "); got != "package.json:2:28" {
		t.Errorf("a string instead of an array: %q", got)
	}
	oxctest.WriteTree(t, dir, map[string]string{"package.json": "{\"type\": \"module\",\n\n \"hotHook\": true}"})
	w.Update("package.json")
	if findings := w.Findings("package.json"); len(findings) != 1 || findings[0].Range.Start.Line != 2 ||
		!strings.Contains(findings[0].Message, "hotHook must be an object") {
		t.Errorf("hotHook that is not an object: %+v", findings)
	}
	oxctest.WriteTree(t, dir, map[string]string{"package.json": "{\"type\": \"module\",\n \"hotHook\": {,}}"})
	w.Update("package.json")
	findings := w.Findings("package.json")
	if len(findings) != 1 || findings[0].Code != CodeInvalidConfig || findings[0].Range.Start.Line != 1 ||
		!strings.Contains(findings[0].Message, "not valid JSON") {
		t.Errorf("broken package.json: %+v", findings)
	}
	if got := verdictSummary(w.Verdict("pages/home.js")); got != "restart pages/home.js,main.js" {
		t.Errorf("pages/home.js without a readable configuration: %q", got)
	}
}

// verdictSummary shortens a verdict to "hot <acceptors>" or "restart <chain>".
func verdictSummary(v Verdict) string {
	if v.Kind == VerdictHot {
		return "hot " + strings.Join(v.AcceptedBy, ",")
	}
	return string(v.Kind) + " " + strings.Join(v.Chain, ",")
}

// unreadableFileFS fails reads of one file while it still exists, as a file without read
// permission does.
type unreadableFileFS struct {
	OSFS
	name string
}

func (u unreadableFileFS) ReadFile(name string) ([]byte, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.OSFS.ReadFile(name)
}

func TestUnreadablePackageJSONIsAFindingAndNotSkipped(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		// The folder above names the file; the unreadable app/package.json must not let it count.
		"package.json":      `{"type": "module", "hotHook": {"boundaries": ["app/pages/*.js"]}}`,
		"app/package.json":  `{"type": "module"}`,
		"app/main.js":       "await import('./pages/home.js');\n",
		"app/pages/home.js": "",
	})
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Open(unreadableFileFS{name: filepath.Join(root, "app", "package.json")}, dir, []string{"app/main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	findings := w.Findings("app/package.json")
	if len(findings) != 1 || findings[0].Code != CodeInvalidConfig || !strings.Contains(findings[0].Message, "permission denied") {
		t.Errorf("findings on app/package.json: %+v", findings)
	}
	if got := verdictSummary(w.Verdict("app/pages/home.js")); got != "restart app/pages/home.js,app/main.js" {
		t.Errorf("app/pages/home.js: %q", got)
	}
}

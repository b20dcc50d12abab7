package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// openTree writes files into a new project and opens it from entries.
func openTree(t *testing.T, files map[string]string, entries ...string) (*Workspace, string) {
	t.Helper()
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, files)
	w, err := Open(OSFS{}, dir, entries)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return w, dir
}

// findingsByCode returns "path:line:col" of each finding with the code.
func findingsByCode(w *Workspace, code Code) []string {
	var out []string
	for _, f := range w.AllFindings() {
		if f.Code == code {
			out = append(out, f.Path+":"+strconv.Itoa(f.Range.Start.Line+1)+":"+strconv.Itoa(f.Range.Start.Column+1))
		}
	}
	return out
}

func TestFindingsFixture(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "analysis", "findings")
	w, err := Open(OSFS{}, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if e := w.Entries(); len(e) != 1 || e[0].Path != "src/server.js" || !strings.Contains(e[0].Source, "scripts.dev") {
		t.Fatalf("entry guessed from the dev script: %+v", e)
	}
	want := map[Code][]string{
		CodeSyntaxError:          {"src/broken.js:3:27", "src/settings.json:4:1"},
		CodeUnresolvedImport:     {"src/server.js:4:22"},
		CodeDynamicImportUnknown: {"src/server.js:8:29"},
		CodeAcceptNotImported:    {"src/server.js:13:41"},
		CodeUndisposedSideEffect: {"src/routes.js:8:1", "src/routes.js:9:1", "src/routes.js:10:1"},
	}
	for code, positions := range want {
		if got := findingsByCode(w, code); strings.Join(got, " ") != strings.Join(positions, " ") {
			t.Errorf("%s: got %q, want %q", code, got, positions)
		}
	}
	// The broken file still contributes its import: util.js is in the graph.
	if v := w.Verdict("src/util.js"); v.Kind != VerdictRestart || strings.Join(v.Chain, " ") != "src/util.js src/broken.js src/server.js" {
		t.Errorf("util.js behind a broken file: %+v", v)
	}
	if v := w.Verdict("src/routes.js"); v.Kind != VerdictHot {
		t.Errorf("routes.js self-accepts: %+v", v)
	}
}

func TestMissingEntryIsAFindingAndOtherEntriesStillCount(t *testing.T) {
	w, _ := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      `import "./dep.js";`,
		"dep.js":       ``,
	}, "nope.js", "main.js")
	if got := findingsByCode(w, CodeMissingEntry); strings.Join(got, " ") != "nope.js:1:1" {
		t.Fatalf("missing-entry findings: %q", got)
	}
	if v := w.Verdict("dep.js"); v.Kind != VerdictRestart {
		t.Fatalf("dep.js should still be analysed from main.js: %+v", v)
	}
	if f := w.Findings("nope.js"); len(f) != 1 || !strings.Contains(f[0].Message, "--entry") {
		t.Fatalf("the finding says where the entry came from: %+v", f)
	}
}

func TestEntryThatIsNotAModule(t *testing.T) {
	w, _ := openTree(t, map[string]string{"package.json": `{}`, "main.cjs": ``, "dir/x.js": ``}, "main.cjs", "dir")
	// A .cjs entry is a module (CommonJS, SEMANTICS.md section 8); a directory is not.
	if got := findingsByCode(w, CodeMissingEntry); strings.Join(got, " ") != "dir:1:1" {
		t.Fatalf("a .cjs entry and a directory entry: %q", got)
	}
}

func TestSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './loop/x.js';\nimport './a.js';\nimport './ok.js';\n",
		"ok.js":        ``,
	})
	for _, link := range [][2]string{{"loop", "loop2"}, {"loop2", "loop"}, {"a.js", "b.js"}, {"b.js", "a.js"}} {
		if err := os.Symlink(link[1], filepath.Join(dir, link[0])); err != nil {
			t.Skipf("symlinks unsupported here: %v", err)
		}
	}
	w, err := Open(OSFS{}, dir, []string{"main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := findingsByCode(w, CodeUnresolvedImport); strings.Join(got, " ") != "main.js:1:8 main.js:2:8" {
		t.Fatalf("imports through symlink loops should not resolve: %q", got)
	}
	if v := w.Verdict("ok.js"); v.Kind != VerdictRestart {
		t.Fatalf("the rest of the graph is analysed: %+v", v)
	}
}

func TestHugeAndBinaryFiles(t *testing.T) {
	defer func(old int64) { MaxFileSize = old }(MaxFileSize)
	MaxFileSize = 1000
	w, _ := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './huge.js';\nimport './blob.js';\nimport './fine.js';\n",
		"huge.js":      "import './never.js';\n" + strings.Repeat("// padding\n", 200),
		"blob.js":      "\x00\x01\x02binary\x00",
		"fine.js":      ``,
	}, "main.js")
	got := findingsByCode(w, CodeUnreadableFile)
	if strings.Join(got, " ") != "blob.js:1:1 huge.js:1:1" {
		t.Fatalf("unreadable-file findings: %q", got)
	}
	for _, f := range w.AllFindings() {
		if f.Path == "huge.js" && f.Code == CodeUnreadableFile && !strings.Contains(f.Message, "limit") {
			t.Errorf("the huge-file message should give the limit: %q", f.Message)
		}
		if f.Path == "blob.js" && f.Code == CodeUnreadableFile && !strings.Contains(f.Message, "binary") {
			t.Errorf("the binary-file message should say binary: %q", f.Message)
		}
	}
	if v := w.Verdict("fine.js"); v.Kind != VerdictRestart {
		t.Fatalf("fine.js: %+v", v)
	}
}

// denyFS fails every read under one directory, as an unreadable directory does.
type denyFS struct {
	OSFS
	denied string
}

func (d denyFS) check(name string) error {
	if strings.HasPrefix(name, d.denied+string(filepath.Separator)) || name == d.denied {
		return &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return nil
}

func (d denyFS) ReadFile(name string) ([]byte, error) {
	if err := d.check(name); err != nil {
		return nil, err
	}
	return d.OSFS.ReadFile(name)
}

func (d denyFS) Stat(name string) (fs.FileInfo, error) {
	if err := d.check(name); err != nil {
		return nil, err
	}
	return d.OSFS.Stat(name)
}

func (d denyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := d.check(name); err != nil {
		return nil, err
	}
	return d.OSFS.ReadDir(name)
}

func TestUnreadableDirectory(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './secret/a.js';\nimport './open.js';\n",
		"secret/a.js":  ``,
		"open.js":      ``,
	})
	w, err := Open(denyFS{denied: filepath.Join(dir, "secret")}, dir, []string{"main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	f := w.Findings("secret/a.js")
	if len(f) == 0 || f[0].Code != CodeUnreadableFile || !strings.Contains(f[0].Message, "permission denied") {
		t.Fatalf("findings of an unreadable file: %+v", f)
	}
	if w.Verdict("open.js").Kind != VerdictRestart {
		t.Fatalf("open.js: %+v", w.Verdict("open.js"))
	}
}

func TestSelfImportAndCycleThroughEntry(t *testing.T) {
	w, _ := openTree(t, map[string]string{
		"package.json": `{"type": "module"}`,
		"main.js":      "import './a.js';\n",
		"a.js":         "import './a.js';\nimport './main.js';\n",
	}, "main.js")
	if v := w.Verdict("a.js"); v.Kind != VerdictRestart || strings.Join(v.Chain, " ") != "a.js main.js" {
		t.Fatalf("a.js: %+v", v)
	}
	if v := w.Verdict("main.js"); v.Kind != VerdictRestart || strings.Join(v.Chain, " ") != "main.js" {
		t.Fatalf("an entry that a module imports still restarts: %+v", v)
	}
}

func TestOpenFailsOnlyForAMissingProject(t *testing.T) {
	if _, err := Open(OSFS{}, filepath.Join(t.TempDir(), "nope"), nil); err == nil {
		t.Fatal("Open of a missing directory should fail")
	}
	w, _ := openTree(t, map[string]string{"README.md": "no code"})
	if len(w.Entries()) != 0 || len(w.AllFindings()) != 0 {
		t.Fatalf("a project without entries: %+v %+v", w.Entries(), w.AllFindings())
	}
}

func TestRootThroughASymlink(t *testing.T) {
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{
		"real/package.json": `{"type": "module"}`,
		"real/main.js":      "import './dep.js';\n",
		"real/dep.js":       "import './main.js';\n",
	})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skipf("symlinks unsupported here: %v", err)
	}
	w, err := Open(OSFS{}, filepath.Join(dir, "link"), []string{"main.js"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n := len(w.Verdicts()); n != 2 {
		t.Fatalf("the graph has %d modules, want 2 (one name per file)", n)
	}
}

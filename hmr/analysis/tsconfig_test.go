package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// TestTSConfigOutsideTheProjectIsAFinding: the extends is reported where it stands in
// tsconfig.json, nothing of the outside file shows, and fixing it clears the finding.
func TestTSConfigOutsideTheProjectIsAFinding(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(outside, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, dir := openTree(t, map[string]string{
		"package.json":  `{"type": "module"}`,
		"tsconfig.json": "{\n  \"extends\": \"" + filepath.ToSlash(outside) + "\"\n}\n",
		"main.ts":       `import "@alias/x";`,
	}, "main.ts")
	var got []string
	for _, f := range w.AllFindings() {
		got = append(got, f.Path+":"+f.Message)
		if strings.Contains(f.Message, "root") {
			t.Errorf("a message leaks the outside file: %q", f.Message)
		}
	}
	findings := w.Findings("tsconfig.json")
	if len(findings) != 1 || findings[0].Code != CodeInvalidConfig || findings[0].Range.Start.Line != 1 ||
		findings[0].Range.Start.Column != 13 || !strings.Contains(findings[0].Message, "outside the project") {
		t.Fatalf("tsconfig.json findings: %+v\nall: %q", findings, got)
	}
	if files := w.ConfigFiles(); len(files) != 2 || files[1] != filepath.Join(dir, "tsconfig.json") {
		t.Errorf("config files: %q", files)
	}
	oxctest.WriteTree(t, dir, map[string]string{"tsconfig.json": `{"compilerOptions": {"paths": {"@alias/*": ["./src/*"]}}}`, "src/x.ts": ""})
	w.Update("tsconfig.json", "src/x.ts")
	if findings := w.Findings("tsconfig.json"); len(findings) != 0 {
		t.Errorf("after the fix: %+v", findings)
	}
	if v := w.Verdict("src/x.ts"); v.Kind != VerdictRestart {
		t.Errorf("src/x.ts through the new paths: %+v", v)
	}
}

// TestEditToAnExtendedTSConfig: a file that tsconfig.json extends is configuration too.
func TestEditToAnExtendedTSConfig(t *testing.T) {
	w, dir := openTree(t, map[string]string{
		"package.json":      `{"type": "module"}`,
		"tsconfig.json":     `{"extends": "./configs/base.json"}`,
		"configs/base.json": `{"compilerOptions": {"paths": {"#app/*": ["../src/old/*"]}}}`,
		"main.ts":           "import { x } from \"#app/x\";\nconsole.log(x);\n",
		"src/old/x.ts":      "export const x = 1;\n",
		"src/new/x.ts":      "export const x = 2;\n",
	}, "main.ts")
	if v := w.Verdict("src/old/x.ts"); v.Kind != VerdictRestart {
		t.Fatalf("src/old/x.ts through the base's paths: %+v", v)
	}
	oxctest.WriteTree(t, dir, map[string]string{"configs/base.json": `{"compilerOptions": {"paths": {"#app/*": ["../src/new/*"]}}}`})
	w.Update("configs/base.json")
	if v := w.Verdict("src/new/x.ts"); v.Kind != VerdictRestart {
		t.Fatalf("src/new/x.ts after the base changed: %+v", v)
	}
	if v := w.Verdict("src/old/x.ts"); v.Kind != VerdictNotInGraph {
		t.Fatalf("src/old/x.ts after the base changed: %+v", v)
	}
}

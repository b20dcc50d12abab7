package resolve_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
	. "github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// extendsProject takes its paths from an extends chain: a relative file (JSON with comments
// and trailing commas), a package in node_modules, and baseUrl set by the base.
var extendsProject = map[string]string{
	"package.json": `{"type": "module"}`,
	"tsconfig.json": `{
  // comments and trailing commas, as tsc allows
  "extends": ["./configs/base.json", "@org/tsconfig"],
  "compilerOptions": { "strict": true, },
}`,
	"configs/base.json":                        `{"extends": "./paths", "compilerOptions": {"target": "es2022"}}`,
	"configs/paths.json":                       `{"compilerOptions": {"paths": {"@lib/*": ["../src/lib/*"], "@cfg": ["../src/config.ts"]}}}`,
	"node_modules/@org/tsconfig/package.json":  `{"name": "@org/tsconfig"}`,
	"node_modules/@org/tsconfig/tsconfig.json": `{"compilerOptions": {"module": "nodenext"}}`,
	"src/main.ts":                              `import "@lib/log";`,
	"src/lib/log.ts":                           `export const log = 1;`,
	"src/config.ts":                            `export default {};`,
}

func TestTSConfigExtendsAgreesWithOxc(t *testing.T) {
	r, dir := newResolver(t, extendsProject)
	if problems := r.ConfigProblems(); len(problems) != 0 {
		t.Fatalf("problems: %+v", problems)
	}
	importer := filepath.Join(dir, "src", "main.ts")
	var queries []oxctest.Query
	for _, s := range []string{"@lib/log", "@lib/log.js", "@cfg", "@lib/nope", "./lib/log.js"} {
		queries = append(queries, oxctest.Query{Importer: importer, Specifier: s})
	}
	oxctest.CompareWithOxc(t, r, queries)
	if got := oxctest.Outcome(r.Resolve(importer, "@lib/log")); got != "file "+filepath.Join(dir, "src", "lib", "log.ts") {
		t.Fatalf("@lib/log: %s", got)
	}
}

// TestTSConfigExtendsStaysInsideTheProject: an extends that leaves the project is not read:
// its paths do not apply and nothing of its content reaches a message.
func TestTSConfigExtendsStaysInsideTheProject(t *testing.T) {
	outside := t.TempDir()
	oxctest.WriteTree(t, outside, map[string]string{
		"secret.json": `{"compilerOptions": {"baseUrl": ".", "paths": {"@leak/*": ["./*"]}}}`,
		"passwd":      "root:x:0:0:root:/root:/bin/bash\n",
		"leak.ts":     `export const leaked = 1;`,
	})
	for name, extends := range map[string]string{
		"relative":          filepath.ToSlash(filepath.Join("..", filepath.Base(outside), "secret.json")),
		"absolute":          filepath.ToSlash(filepath.Join(outside, "passwd")),
		"package escaping":  "../../" + filepath.Base(outside) + "/secret.json",
		"array with escape": "",
	} {
		t.Run(name, func(t *testing.T) {
			parent := filepath.Dir(outside)
			dir, err := os.MkdirTemp(parent, "project")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			config := `{"extends": "` + extends + `"}`
			switch name {
			case "package escaping":
				// A "package" name that climbs out of node_modules and the project.
				config = `{"extends": "../../../` + filepath.Base(outside) + `/secret.json"}`
			case "array with escape":
				config = `{"extends": ["./ok.json", "` + filepath.ToSlash(filepath.Join(outside, "secret.json")) + `"]}`
			}
			oxctest.WriteTree(t, dir, map[string]string{
				"tsconfig.json": config,
				"ok.json":       `{}`,
				"main.ts":       `import "@leak/leak";`,
			})
			r, err := New(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			problems := r.ConfigProblems()
			if len(problems) != 1 || !strings.Contains(problems[0].Message, "outside the project") ||
				problems[0].File != filepath.Join(dir, "tsconfig.json") || problems[0].Offset == 0 {
				t.Fatalf("problems: %+v", problems)
			}
			res := r.Resolve(filepath.Join(dir, "main.ts"), "@leak/leak")
			if res.Err == nil {
				t.Fatalf("@leak/leak resolved through the outside tsconfig: %+v", res)
			}
			for _, text := range []string{problems[0].Message, res.Err.Error()} {
				for _, secret := range []string{"root", "compilerOptions", "baseUrl"} {
					if strings.Contains(text, secret) {
						t.Errorf("%q leaks %q", text, secret)
					}
				}
			}
		})
	}
}

func TestTSConfigProblemsInsideTheProject(t *testing.T) {
	cases := map[string]struct{ tsconfig, want string }{
		"missing base":    {`{"extends": "./nope.json"}`, `extends "./nope.json", which cannot be found`},
		"missing package": {`{"extends": "@tsconfig/none"}`, `extends "@tsconfig/none", which cannot be found`},
		"not JSON":        {`{"compilerOptions": {,}}`, "is not valid JSON with comments"},
		"extends number":  {`{"extends": 42}`, `"extends" must be a string or a list of strings`},
		"cycle":           {`{"extends": "./tsconfig.json"}`, "extends itself through a cycle"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r, _ := newResolver(t, map[string]string{"tsconfig.json": c.tsconfig})
			problems := r.ConfigProblems()
			if len(problems) != 1 || !strings.Contains(problems[0].Message, c.want) {
				t.Fatalf("problems: %+v, want %q", problems, c.want)
			}
		})
	}
}

// TestInvalidateRereadsTSConfig: a new paths entry applies after Invalidate.
func TestInvalidateRereadsTSConfig(t *testing.T) {
	r, dir := newResolver(t, map[string]string{"tsconfig.json": `{}`, "src/a.ts": ``, "main.ts": ``})
	importer := filepath.Join(dir, "main.ts")
	if res := r.Resolve(importer, "@a"); res.Err == nil {
		t.Fatal("@a resolved before tsconfig named it")
	}
	oxctest.WriteTree(t, dir, map[string]string{"tsconfig.json": `{"compilerOptions": {"paths": {"@a": ["./src/a.ts"]}}}`})
	r.Invalidate()
	if got := oxctest.Outcome(r.Resolve(importer, "@a")); got != "file "+filepath.Join(dir, "src", "a.ts") {
		t.Fatalf("@a after Invalidate: %s", got)
	}
}

// TestNestedTSConfigAgreesWithOxc: a file takes the tsconfig of the nearest folder above it.
func TestNestedTSConfigAgreesWithOxc(t *testing.T) {
	r, dir := newResolver(t, map[string]string{
		"package.json":                `{"type": "module"}`,
		"tsconfig.base.json":          `{"compilerOptions": {"paths": {"@shared/*": ["./shared/*"]}}}`,
		"tsconfig.json":               `{"extends": "./tsconfig.base.json", "compilerOptions": {"baseUrl": "."}}`,
		"shared/log.ts":               `export const log = 1;`,
		"src/main.ts":                 ``,
		"apps/api/tsconfig.json":      `{"extends": "../../tsconfig.base.json", "compilerOptions": {"paths": {"@api/*": ["./src/*"]}}}`,
		"apps/api/src/main.ts":        ``,
		"apps/api/src/routes.ts":      `export const routes = [];`,
		"apps/web/src/deep/nested.ts": ``,
	})
	var queries []oxctest.Query
	for _, importer := range []string{"src/main.ts", "apps/api/src/main.ts", "apps/web/src/deep/nested.ts"} {
		for _, s := range []string{"@shared/log", "@api/routes", "shared/log"} {
			queries = append(queries, oxctest.Query{Importer: filepath.Join(dir, filepath.FromSlash(importer)), Specifier: s})
		}
	}
	oxctest.CompareWithOxc(t, r, queries)
	if got := oxctest.Outcome(r.Resolve(filepath.Join(dir, "apps", "api", "src", "main.ts"), "@api/routes")); got != "file "+filepath.Join(dir, "apps", "api", "src", "routes.ts") {
		t.Fatalf("@api/routes from apps/api: %s", got)
	}
}

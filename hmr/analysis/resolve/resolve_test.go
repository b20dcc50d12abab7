package resolve_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
	. "github.com/hotswap/hotswap/hmr/analysis/resolve"
)

// project is a small TypeScript app using every resolution feature the runtime relies on.
var project = map[string]string{
	"package.json":                   `{"type": "module", "imports": {"#lib/*": "./src/lib/*.ts", "#config": "./src/config.ts"}}`,
	"tsconfig.json":                  `{"compilerOptions": {"baseUrl": ".", "paths": {"@app/*": ["src/app/*"]}}}`,
	"src/main.ts":                    `import "./util.js";`,
	"src/util.ts":                    `export const u = 1;`,
	"src/lib/log.ts":                 `export const log = 1;`,
	"src/config.ts":                  `export default {};`,
	"src/app/routes.ts":              `export const routes = [];`,
	"src/plain.js":                   `export const p = 1;`,
	"src/view.tsx":                   `export const v = 1;`,
	"src/data.json":                  `{"a": 1}`,
	"src/esm.mts":                    `export const m = 1;`,
	"node_modules/pkg/package.json":  `{"name": "pkg", "exports": {".": {"import": "./esm.js", "require": "./cjs.cjs"}, "./sub": "./sub.js"}}`,
	"node_modules/pkg/esm.js":        `export default 1;`,
	"node_modules/pkg/cjs.cjs":       `module.exports = 1;`,
	"node_modules/pkg/sub.js":        `export default 2;`,
	"src/both.js":                    `export const b = 1;`,
	"src/both.ts":                    `export const b = 2;`,
	"src/comp.jsx":                   `export const c = 1;`,
	"src/typed.ts":                   `export const t = 1;`,
	"src/dir/index.ts":               `export const d = 1;`,
	"src/legacy.cjs":                 `module.exports = 1;`,
	"node_modules/sync/package.json": `{"name": "sync", "exports": {"module-sync": "./sync.js", "default": "./other.js"}}`,
	"node_modules/sync/sync.js":      `export default 1;`,
	"node_modules/sync/other.js":     `export default 2;`,
	"node_modules/old/package.json":  `{"name": "old", "main": "lib/index.js"}`,
	"node_modules/old/lib/index.js":  `module.exports = 1;`,
	// NestJS and Angular name files with dots and import them without an extension.
	"src/app.module.ts":       `export class AppModule {}`,
	"src/users.controller.ts": `export class UsersController {}`,
	"src/both.service.js":     `export const s = 1;`,
	"src/both.service.ts":     `export const s = 2;`,
	"src/config.local.json":   `{}`,
	"src/v1.2/handler.ts":     `export const h = 1;`,
	"src/vendor.min.mjs":      `export const v = 1;`,
	"src/legacy.helper.cjs":   `module.exports = 1;`,
	"src/notes.md":            `# notes`,
	"src/dotted.dir/index.ts": `export const i = 1;`,
	"src/env.d.ts":            `declare const x: number;`,
}

var specifiers = []string{
	"./util.js", "./util.ts", "./util", "./lib/log.js", "#lib/log", "#config", "#nope",
	"@app/routes.js", "@app/routes", "./plain.js", "./view.js", "./data.json", "./esm.mjs",
	"pkg", "pkg/sub", "pkg/missing", "old", "nopkg", "node:fs", "fs", "node:path", "./missing.js",
	"../package.json", "./app/routes.js", "./both", "./both.js", "./comp.js", "./typed.jsx", "./dir",
	"./dir/index.js", "./legacy.cjs", "./legacy", "sync", "./lib/../util.js", "./nodir/x.js",
	"./app.module", "./app.module.js", "./users.controller", "./both.service", "./config.local",
	"./v1.2/handler", "./v1.2/handler.js", "./vendor.min", "./legacy.helper", "./notes", "./notes.md",
	"./dotted.dir", "./env.d", "./app.module.ts", "./missing.module",
}

// newResolver writes files into a new project and returns a resolver for it, closed when the
// test ends, and the project's directory.
func newResolver(t *testing.T, files map[string]string) (*Resolver, string) {
	t.Helper()
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, files)
	r, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r, dir
}

func TestResolveAgreesWithOxcResolver(t *testing.T) {
	r, dir := newResolver(t, project)
	importer := filepath.Join(dir, "src", "main.ts")
	var queries []oxctest.Query
	for _, s := range specifiers {
		queries = append(queries, oxctest.Query{Importer: importer, Specifier: s})
	}
	oxctest.CompareWithOxc(t, r, queries)
}

func TestResolveAnswers(t *testing.T) {
	r, dir := newResolver(t, project)
	importer := filepath.Join(dir, "src", "main.ts")
	cases := map[string]string{
		"./util.js":      "file " + filepath.Join(dir, "src", "util.ts"),
		"#lib/log":       "file " + filepath.Join(dir, "src", "lib", "log.ts"),
		"@app/routes.js": "file " + filepath.Join(dir, "src", "app", "routes.ts"),
		"node:fs":        "builtin fs",
		"pkg":            "file " + filepath.Join(dir, "node_modules", "pkg", "esm.js"),
		"./missing.js":   "error",
	}
	for spec, want := range cases {
		if got := oxctest.Outcome(r.Resolve(importer, spec)); got != want {
			t.Errorf("%q: got %q, want %q", spec, got, want)
		}
	}
	if res := r.Resolve(importer, "./missing.js"); res.Err == nil || !strings.Contains(res.Err.Error(), "missing.js") {
		t.Errorf("the error should name the specifier: %v", res.Err)
	}
}

func TestInvalidateSeesNewFiles(t *testing.T) {
	r, dir := newResolver(t, map[string]string{"package.json": `{"type": "module"}`, "main.js": ""})
	importer := filepath.Join(dir, "main.js")
	if res := r.Resolve(importer, "./later.js"); res.Err == nil {
		t.Fatal("./later.js resolved before it existed")
	}
	oxctest.WriteTree(t, dir, map[string]string{"later.js": ""})
	if res := r.Resolve(importer, "./later.js"); res.Err == nil {
		t.Fatal("the cached answer should stand until Invalidate")
	}
	r.Invalidate()
	if res := r.Resolve(importer, "./later.js"); res.Err != nil {
		t.Fatalf("after Invalidate: %v", res.Err)
	}
}

package facts

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

// detectionCases are files without a package.json "type"; each must be an ES module for the
// analysis exactly when Node runs it as one.
var detectionCases = []string{
	`import { readFileSync } from "node:fs"; void readFileSync;`,
	`import "node:path";`,
	`export const a = 1;`,
	`export {};`,
	`export default function () {}`,
	`console.log(import.meta.url.length > 0);`,
	`if (true) { void import.meta.dirname; }`,
	`await Promise.resolve();`,
	`for await (const x of [1]) void x;`,
	`if (true) { await 0; }`,
	`const require = 1; void require;`,
	`let exports = {}; void exports;`,
	`class module {}`,
	`const fs = require("node:fs"); void fs;`,
	`module.exports = { a: 1 };`,
	`async function f() { await 1; } void f;`,
	`const f = async () => { for await (const x of []) void x; }; void f;`,
	`const p = import("node:fs"); void p;`,
	`var require2 = 1; function exports2() {} void require2, exports2;`,
	`console.log("neither");`,
	"// a comment that says import x from 'y' and import.meta\nconsole.log(`export const x`);",
	`class A { async m() { await 1; } } void A;`,
}

// typeScriptDetectionCases only exist in TypeScript: what type stripping removes does not
// count.
var typeScriptDetectionCases = []string{
	`import type { Stats } from "node:fs"; let s: Stats | undefined; void s;`,
	`export type T = number; const t: T = 1; void t;`,
	`export interface I { a: number }`,
	`import { type Stats } from "node:fs"; let s: Stats | undefined; void s;`,
	`import { Stats } from "node:fs"; let s: Stats | undefined; void s;`,
	`const n: number = 1; module.exports = n;`,
	`type F = number; export { type F };`,
	`type F = number; export type { F };`,
	`declare const g: number; export declare const h: number;`,
	`export declare function f(): void;`,
	`import { type Stats, readFileSync } from "node:fs"; let s: Stats | undefined; void s, readFileSync;`,
}

// TestModuleSyntaxAgreesWithNode runs each case under the pinned Node in a folder whose
// package.json has no "type", and compares the format Node chose (`this` is undefined at the
// top of an ES module and module.exports in CommonJS) with ModuleSyntax.
func TestModuleSyntaxAgreesWithNode(t *testing.T) {
	root := oxctest.RepoRoot(t)
	node := oxctest.NodeBinary(t, root)
	dir := t.TempDir()
	oxctest.WriteTree(t, dir, map[string]string{"package.json": `{"name": "detect"}`})
	type file struct{ name, src string }
	var files []file
	for i, src := range detectionCases {
		files = append(files, file{name: "case" + string(rune('a'+i)) + ".js", src: src})
		files = append(files, file{name: "case" + string(rune('a'+i)) + ".ts", src: src})
	}
	for i, src := range typeScriptDetectionCases {
		files = append(files, file{name: "typed" + string(rune('a'+i)) + ".ts", src: src})
	}
	for _, f := range files {
		probe := f.src + "\n;console.log(this === undefined ? \"esm\" : \"cjs\");\n"
		path := filepath.Join(dir, f.name)
		if err := os.WriteFile(path, []byte(probe), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(node, "--no-warnings", path)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("%s: node failed on %q: %v", f.name, f.src, err)
			continue
		}
		lines := strings.Fields(string(out))
		nodeSays := lines[len(lines)-1]
		parsed := mustParse(t, f.name, probe)
		weSay := "cjs"
		if parsed.ModuleSyntax {
			weSay = "esm"
		}
		if weSay != nodeSays {
			t.Errorf("%s %q: Node runs it as %s, the analysis says %s", f.name, f.src, nodeSays, weSay)
		}
	}
}

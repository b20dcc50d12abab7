package facts

import (
	"encoding/json"
	"fmt"
	"os/exec"
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

// generatedDetectionCases puts each piece of syntax that may decide the format in each kind of
// scope, at the top level or inside a function; Node decides each (the ones it rejects either
// way are skipped).
func generatedDetectionCases() []string {
	pieces := []string{
		"void import.meta.url;", "await 0;", "for await (const x of []) void x;",
		"const require = 1; void require;", "class exports {}", "void import('node:fs');",
		"let module = 1; void module;", "var __dirname = 1;", "let __filename = 1; void __filename;",
	}
	scopes := []string{
		"%s", "{ %s }", "if (true) { %s }", "for (;;) { %s break; }", "try { %s } finally {}",
		"function f() { %s } void f;", "async function f() { %s } void f;",
		"const f = async () => { %s }; void f;", "class C { async m() { %s } } void C;",
		"const o = { async m() { %s } }; void o;", "label: { %s }",
	}
	var out []string
	for _, piece := range pieces {
		for _, scope := range scopes {
			out = append(out, strings.Replace(scope, "%s", piece, 1))
		}
	}
	return out
}

// TestModuleSyntaxAgreesWithNode loads each case with import() in one run of the pinned Node,
// from a folder whose package.json has no "type", and compares the format Node chose (`this`
// is undefined at the top of an ES module and module.exports in CommonJS) with ModuleSyntax.
func TestModuleSyntaxAgreesWithNode(t *testing.T) {
	root := oxctest.RepoRoot(t)
	node := oxctest.NodeBinary(t, root)
	dir := t.TempDir()
	files := map[string]string{"package.json": `{"name": "detect"}`}
	cases := map[string]string{}
	for i, src := range detectionCases {
		cases[fmt.Sprintf("case%02d.js", i)] = src
		cases[fmt.Sprintf("case%02d.ts", i)] = src
	}
	for i, src := range typeScriptDetectionCases {
		cases[fmt.Sprintf("typed%02d.ts", i)] = src
	}
	for i, src := range generatedDetectionCases() {
		cases[fmt.Sprintf("generated%03d.js", i)] = src
	}
	var driver strings.Builder
	for name, src := range cases {
		files[name] = src + fmt.Sprintf("\n;console.log(JSON.stringify([%q, this === undefined ? \"esm\" : \"cjs\"]));\n", name)
		fmt.Fprintf(&driver, "try { await import(%q); } catch (error) { console.log(JSON.stringify([%q, \"error: \" + error.message])); }\n", "./"+name, name)
	}
	files["driver.mjs"] = driver.String()
	oxctest.WriteTree(t, dir, files)
	cmd := exec.Command(node, "--no-warnings", "driver.mjs")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	nodeSays := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var pair [2]string
		if json.Unmarshal([]byte(line), &pair) == nil {
			nodeSays[pair[0]] = pair[1]
		}
	}
	checked := 0
	for name, src := range cases {
		if strings.HasPrefix(nodeSays[name], "error") && strings.HasPrefix(name, "generated") {
			continue // a syntax error in both formats
		}
		checked++
		weSay := "cjs"
		if mustParse(t, name, files[name]).ModuleSyntax {
			weSay = "esm"
		}
		if nodeSays[name] != weSay {
			t.Errorf("%s %q: Node says %q, the analysis says %s", name, src, nodeSays[name], weSay)
		}
	}
	t.Logf("%d of %d cases checked against Node", checked, len(cases))
}

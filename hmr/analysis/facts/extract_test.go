package facts

import (
	"reflect"
	"strings"
	"testing"
)

func specifiers(imps []Import) []string {
	var out []string
	for _, i := range imps {
		s := string(i.Kind) + ":" + i.Specifier
		if !i.Literal {
			s += "(computed)"
		}
		if i.Boundary {
			s += "(boundary)"
		}
		out = append(out, s)
	}
	return out
}

func mustParse(t *testing.T, name, src string) *Facts {
	t.Helper()
	f, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f
}

func TestImportsAndReExports(t *testing.T) {
	src := `import a from "./a.js";
import * as b from './b.js';
import { c, d as e } from "./c.js";
import "./side.js";
export { f } from "./f.js";
export * from "./g.js";
export * as h from "./h.js";
const x = await import("./lazy.js");
const y = await import(` + "`./tpl.js`" + `);
const z = await import("./" + name);
`
	f := mustParse(t, "main.js", src)
	want := []string{"static:./a.js", "static:./b.js", "static:./c.js", "static:./side.js",
		"re-export:./f.js", "re-export:./g.js", "re-export:./h.js", "dynamic:./lazy.js",
		"dynamic:./tpl.js", `dynamic:"./" + name(computed)`}
	if got := specifiers(f.Imports); !reflect.DeepEqual(got, want) {
		t.Fatalf("imports\n got %q\nwant %q", got, want)
	}
	if len(f.SyntaxErrors) != 0 {
		t.Fatalf("unexpected syntax errors: %+v", f.SyntaxErrors)
	}
}

func TestTypeOnlyImportsMakeNoEdge(t *testing.T) {
	src := `import type { A } from "./types.js";
import { type B, type C } from "./types2.js";
import { type D, value } from "./mixed.js";
export type { E } from "./types3.js";
export { type F } from "./types4.js";
import def, { type G } from "./def.js";
console.log(value, def);
`
	f := mustParse(t, "main.ts", src)
	want := []string{"static:./mixed.js", "static:./def.js"}
	if got := specifiers(f.Imports); !reflect.DeepEqual(got, want) {
		t.Fatalf("imports\n got %q\nwant %q", got, want)
	}
}

func TestExportNames(t *testing.T) {
	src := `export const a = 1, b = 2;
export function c() {}
export class D {}
export default 42;
export { e as f, g };
export interface H {}
export type I = string;
export enum J { K }
export * as ns from "./ns.ts";
`
	f := mustParse(t, "mod.ts", src)
	var names []string
	for _, e := range f.Exports {
		names = append(names, e.Name)
	}
	want := []string{"a", "b", "c", "D", "default", "f", "g", "J", "ns"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("exports\n got %q\nwant %q", names, want)
	}
}

func TestHotCalls(t *testing.T) {
	src := `import.meta.hot.accept();
import.meta.hot?.accept("./dep.js", (m) => {});
if (import.meta.hot) import.meta.hot.accept(["./a.js", './b.js'], () => {});
import.meta.dynoHot?.decline();
import.meta.hot?.dispose((data) => {});
import.meta.hot.prune(() => {});
import.meta.hot.invalidate();
import.meta.hot.on("x", () => {});
import.meta.other.accept();
const mod = await import("./boundary.js", import.meta.hot?.boundary);
`
	for _, name := range []string{"app.js", "app.ts", "app.tsx"} {
		t.Run(name, func(t *testing.T) { checkHotCalls(t, mustParse(t, name, src)) })
	}
}

func checkHotCalls(t *testing.T, f *Facts) {
	var got []string
	for _, c := range f.HotCalls {
		s := c.Object + "." + string(c.Method)
		for _, sp := range c.Specifiers {
			s += " " + sp.Text
		}
		got = append(got, s)
	}
	want := []string{"hot.accept", "hot.accept ./dep.js", "hot.accept ./a.js ./b.js",
		"dynoHot.decline", "hot.dispose", "hot.prune", "hot.invalidate"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("hot calls\n got %q\nwant %q", got, want)
	}
	if !f.SelfAccepts() {
		t.Fatal("SelfAccepts() = false for a file calling accept()")
	}
	if imps := specifiers(f.Imports); !reflect.DeepEqual(imps, []string{"dynamic:./boundary.js(boundary)"}) {
		t.Fatalf("boundary import: %q", imps)
	}
	second := f.HotCalls[1].Specifiers[0].Range
	if second.Start != (Point{Line: 1, Column: 24}) || second.End != (Point{Line: 1, Column: 34}) {
		t.Fatalf("range of \"./dep.js\" = %+v", second)
	}
}

func TestAcceptWithCallbackIsSelfAccept(t *testing.T) {
	f := mustParse(t, "a.js", "import.meta.hot?.accept((m) => console.log(m));\n")
	if !f.SelfAccepts() {
		t.Fatal("accept(callback) should be a self-accept")
	}
	g := mustParse(t, "b.js", "import.meta.hot?.accept('./x.js');\n")
	if g.SelfAccepts() {
		t.Fatal("accept('./x.js') is not a self-accept")
	}
}

func TestSideEffectsOnlyForSelfAcceptingFiles(t *testing.T) {
	body := `import { bus } from "./bus.js";
import http from "node:http";
setInterval(() => {}, 1000);
setTimeout(() => {}, 10);
http.createServer().listen(0);
process.on("SIGTERM", () => {});
process.once("exit", () => {});
bus.on("tick", () => {});
local.on("tick", () => {});
`
	f := mustParse(t, "a.js", body+"import.meta.hot.accept();\n")
	var calls []string
	for _, e := range f.SideEffects {
		calls = append(calls, e.Call)
	}
	want := []string{"setInterval", "setTimeout", ".listen", "process.on", "process.once", "bus.on"}
	if !reflect.DeepEqual(calls, want) {
		t.Fatalf("side effects\n got %q\nwant %q", calls, want)
	}
	if g := mustParse(t, "b.js", body); len(g.SideEffects) != 0 {
		t.Fatalf("a file that does not self-accept got side effects %+v", g.SideEffects)
	}
}

func TestHalfTypedFileKeepsItsFacts(t *testing.T) {
	src := `import { a } from "./a.js";
import { b } from "./b.js";
export function broken( {
  return a +
}
import.meta.hot?.accept("./a.js");
`
	f := mustParse(t, "half.js", src)
	if len(f.SyntaxErrors) == 0 {
		t.Fatal("no syntax error reported for a broken file")
	}
	got := specifiers(f.Imports)
	if len(got) < 2 || got[0] != "static:./a.js" || got[1] != "static:./b.js" {
		t.Fatalf("imports of a half-typed file: %q", got)
	}
	if e := f.SyntaxErrors[0]; e.Range.Start.Line < 2 || e.Message == "" {
		t.Fatalf("syntax error should point into the broken function: %+v", e)
	}
}

func TestTSXAndJSX(t *testing.T) {
	f := mustParse(t, "view.tsx", "import { h } from './h.js';\nexport const V = () => <div>{h}</div>;\n")
	if got := specifiers(f.Imports); !reflect.DeepEqual(got, []string{"static:./h.js"}) || len(f.SyntaxErrors) != 0 {
		t.Fatalf("tsx: imports %q errors %+v", got, f.SyntaxErrors)
	}
	g := mustParse(t, "view.jsx", "import { h } from './h.js';\nexport const V = () => <div>{h}</div>;\n")
	if len(g.SyntaxErrors) != 0 {
		t.Fatalf("jsx: errors %+v", g.SyntaxErrors)
	}
}

func TestJSONModules(t *testing.T) {
	if f := mustParse(t, "c.json", `{"port": 1}`); len(f.SyntaxErrors) != 0 || len(f.Imports) != 0 {
		t.Fatalf("valid JSON: %+v", f)
	}
	f := mustParse(t, "bad.json", "{\n  \"port\": ,\n}")
	if len(f.SyntaxErrors) != 1 || f.SyntaxErrors[0].Range.Start.Line != 1 {
		t.Fatalf("invalid JSON should report line 2: %+v", f.SyntaxErrors)
	}
	if !strings.Contains(f.SyntaxErrors[0].Message, "invalid JSON") {
		t.Fatalf("message: %q", f.SyntaxErrors[0].Message)
	}
}

func TestUnknownExtension(t *testing.T) {
	if _, err := Parse("style.css", []byte("a{}")); err == nil {
		t.Fatal("Parse accepted a .css file")
	}
}

func TestBinaryInputDoesNotPanic(t *testing.T) {
	src := make([]byte, 4096)
	for i := range src {
		src[i] = byte(i * 7)
	}
	f := mustParse(t, "blob.js", string(src))
	if len(f.SyntaxErrors) == 0 {
		t.Fatal("binary garbage parsed without a syntax error")
	}
}

func TestImportsAfterABrokenLineAreKept(t *testing.T) {
	src := "const x = {;\nimport { a } from './a.js';\nexport { b } from './b.js';\nimport.meta.hot.accept('./a.js');\na();\n"
	for _, name := range []string{"x.js", "x.ts"} {
		f := mustParse(t, name, src)
		got := specifiers(f.Imports)
		if strings.Join(got, " ") != "static:./a.js re-export:./b.js" || len(f.SyntaxErrors) == 0 {
			t.Errorf("%s: imports %q, errors %+v", name, got, f.SyntaxErrors)
		}
	}
}

func TestTypeScriptErasesImportsUsedOnlyAsTypes(t *testing.T) {
	src := `import { Row } from "./types.js";
import Def, { used } from "./u.js";
import * as NS from "./ns.js";
import "./side.js";
import { A, B } from "./ab.js";
export { Re } from "./re.js";
import { Only } from "./onlytype.js";
import { Shorthand } from "./short.js";
import { Comp } from "./comp.js";
const x: Row = 1; used(); let y: NS.Foo; let z = A; type Q = Only;
export { Only };
const o = { Shorthand };
`
	f := mustParse(t, "a.ts", src)
	want := []string{"static:./u.js", "static:./side.js", "static:./ab.js", "re-export:./re.js",
		"static:./onlytype.js", "static:./short.js"}
	if got := specifiers(f.Imports); !reflect.DeepEqual(got, want) {
		t.Fatalf("imports\n got %q\nwant %q", got, want)
	}
	// JavaScript keeps every import, used or not.
	if got := specifiers(mustParse(t, "a.js", "import { Row } from './types.js';\n").Imports); len(got) != 1 {
		t.Fatalf("a JavaScript import was dropped: %q", got)
	}
	// JSX use in a .tsx file is a value use.
	if got := specifiers(mustParse(t, "v.tsx", "import { Comp } from './comp.js';\nexport const v = <Comp />;\n").Imports); len(got) != 1 {
		t.Fatalf("an import used in JSX was dropped: %q", got)
	}
}

// hotCallNames lists the calls as method/object[/specifiers], in source order.
func hotCallNames(f *Facts) []string {
	var out []string
	for _, c := range f.HotCalls {
		s := string(c.Method) + "/" + c.Object
		for _, spec := range c.Specifiers {
			s += "/" + spec.Text
		}
		out = append(out, s)
	}
	return out
}

func TestAliasedImportMetaHot(t *testing.T) {
	cases := map[string]struct {
		src  string
		want []string
	}{
		"README server": {`const hot = import.meta.hot;
const server = hot?.data?.server ?? createServer();
hot?.dispose((data) => { data.server = server; });
hot?.accept();`, []string{"dispose/hot", "accept/hot"}},
		"destructured": {`const { hot } = import.meta;
if (hot) hot.accept("./dep.js", () => {});`, []string{"accept/hot/./dep.js"}},
		"renamed dynoHot": {`const { dynoHot: h } = import.meta;
h?.decline();
import.meta.hot?.dispose(() => {});`, []string{"decline/dynoHot", "dispose/hot"}},
		"other names are not aliases": {`const hot = import.meta.url;
const other = import.meta.hot;
hot.accept();
server.accept();
other.prune(() => {});`, []string{"prune/hot"}},
	}
	for name, c := range cases {
		for _, file := range []string{"main.js", "main.ts"} {
			f := mustParse(t, file, c.src)
			if got := hotCallNames(f); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s (%s): got %q, want %q", name, file, got, c.want)
			}
		}
	}
}

func TestAliasedBoundaryOption(t *testing.T) {
	f := mustParse(t, "main.ts", `const hot = import.meta.hot;
const a = await import("./a.js", hot?.boundary);
const b = await import("./b.js", other?.boundary);`)
	want := []string{"dynamic:./a.js(boundary)", "dynamic:./b.js"}
	if got := specifiers(f.Imports); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestCommonJSFacts: a CommonJS file's `require("x")` calls with a literal specifier, and
// webpack's `module.hot` calls, counted like import.meta.hot's (hmr/SEMANTICS.md section 8).
func TestCommonJSFacts(t *testing.T) {
	src := `const express = require("express");
const { greeting } = require('./greeting');
const computed = require("./" + name);
const tpl = require(` + "`./tpl.cjs`" + `);
const two = require("./a.cjs", "extra");
other.require("./not-a-require.cjs");
if (module.hot) {
  module.hot.accept("./routes", () => {});
  module.hot?.dispose((data) => {});
  module.hot.decline();
  module.other.accept();
  notModule.hot.accept();
}
`
	for _, name := range []string{"app.cjs", "app.cts", "app.js"} {
		t.Run(name, func(t *testing.T) {
			f := mustParse(t, name, src)
			want := []string{"require:express", "require:./greeting", "require:./tpl.cjs"}
			if got := specifiers(f.Imports); !reflect.DeepEqual(got, want) {
				t.Fatalf("imports\n got %q\nwant %q", got, want)
			}
			var calls []string
			for _, c := range f.HotCalls {
				s := c.Object + "." + string(c.Method)
				for _, sp := range c.Specifiers {
					s += " " + sp.Text
				}
				calls = append(calls, s)
			}
			if want := []string{"hot.accept ./routes", "hot.dispose", "hot.decline"}; !reflect.DeepEqual(calls, want) {
				t.Fatalf("hot calls\n got %q\nwant %q", calls, want)
			}
		})
	}
}

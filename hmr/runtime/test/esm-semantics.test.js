// ESM semantics the runtime implements itself: evaluation order, cycles, hoisting, top-level
// await, star exports, re-export chains, default exports, link errors and dynamic import.
import assert from "node:assert/strict";
import { test } from "node:test";
import { REGISTER, runInApp, withApp } from "./harness.js";

/** Runs `entry` under plain node and under the runtime: both must succeed and print the same. */
function assertSameAsNode(files, entry) {
  const [plain, ours] = runInApp(files, [entry], ["--import", REGISTER, entry]);
  assert.equal(plain.status, 0, plain.stderr);
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, plain.stdout);
}

const lines = (app, count) => Promise.all(Array.from({ length: count }, () => app.next(/^> /, { stream: "stdout" })));

test("evaluation order follows the spec, including a cycle and a hoisted function called early", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; import "./c.js"; console.log("> main");`,
      "a.js": `import { fromB } from "./b.js"; console.log("> a", fromB()); export function fromA() { return "A-hoisted"; }`,
      "b.js": `import { fromA } from "./a.js"; console.log("> b", fromA()); export function fromB() { return "B"; } export let late = 1;`,
      "c.js": `import { late } from "./b.js"; console.log("> c", late);`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 4), ["> b A-hoisted", "> a B", "> c 1", "> main"]);
    },
  );
});

test("reading a let binding of a module that has not run yet throws a ReferenceError (TDZ)", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; console.log("> main");`,
      "a.js": `import { b } from "./b.js"; export let a = "A"; console.log("> a", b);`,
      "b.js": `import { a } from "./a.js"; let seen; try { seen = a; } catch (e) { seen = e.constructor.name; } console.log("> b", seen); export const b = "B";`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 3), ["> b ReferenceError", "> a B", "> main"]);
    },
  );
});

test("top-level await delays importers, also concurrently inside a cycle", async () => {
  await withApp(
    {
      "main.js": `import { x } from "./slow.js"; import { y } from "./fast.js"; import "./cycle-a.js"; console.log("> main", x, y);`,
      "slow.js": `console.log("> slow start"); await new Promise((r) => setTimeout(r, 30)); export const x = "X"; console.log("> slow end");`,
      "fast.js": `console.log("> fast start"); await null; export const y = "Y"; console.log("> fast end");`,
      "cycle-a.js": `import { b } from "./cycle-b.js"; await null; export const a = "a"; console.log("> cycle-a", b);`,
      "cycle-b.js": `import "./cycle-a.js"; await new Promise((r) => setTimeout(r, 5)); export const b = "b"; console.log("> cycle-b");`,
    },
    {},
    async (app) => {
      const got = await lines(app, 7);
      assert.equal(got[0], "> slow start");
      assert.equal(got[1], "> fast start");
      assert.ok(got.indexOf("> cycle-b") < got.indexOf("> cycle-a b"), got.join("|"));
      assert.ok(got.indexOf("> slow end") < got.indexOf("> main X Y"));
      assert.equal(got[6], "> main X Y");
    },
  );
});

test("export *, export * as ns, re-export chains and every default-export form", async () => {
  await withApp(
    {
      "main.js": `
        import * as all from "./all.js";
        import def, * as ns from "./fn.js";
        const text = "import a, * as b from './nowhere.js'";
        import K from "./klass.js";
        import E from "./expr.js";
        import arrow from "./arrow.js";
        import named from "./named.js";
        import { renamed, deep } from "./chain.js";
        console.log("> keys", Object.keys(all).join(","));
        console.log("> tag", Object.prototype.toString.call(all), Object.getPrototypeOf(all));
        console.log("> star", all.one, all.nested.two, all.default === undefined);
        console.log("> default fn", def(), ns.default === def, typeof ns.helper);
        console.log("> class", new K().kind, E);
        console.log("> names", def.name, K.name, arrow.name, named.name);
        console.log("> chain", renamed, deep, text.length);
      `,
      "all.js": `export * from "./one.js"; export * as nested from "./two.js"; export default "not re-exported by star";`,
      "one.js": `export const one = 1; export default "one-default";`,
      "two.js": `export const two = 2;`,
      "fn.js": `import "./early.js"; export default function () { return "anonymous default"; } export function helper() {}`,
      "early.js": `import def from "./fn.js"; console.log("> early", def());`,
      "klass.js": `export default class { kind = "klass"; }`,
      "expr.js": `export default 6 * 7; if (arguments.length !== 0) throw new Error("the runtime's arguments leak");`,
      "arrow.js": `export default () => "arrow";`,
      "named.js": `export default function named() {}`,
      "chain.js": `export { middle as renamed } from "./middle.js"; export * from "./middle.js";`,
      "middle.js": `export { bottom as middle, bottom as deep } from "./bottom.js";`,
      "bottom.js": `export const bottom = "bottom";`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 8), [
        "> early anonymous default",
        "> keys default,nested,one",
        "> tag [object Module] null",
        "> star 1 2 false",
        "> default fn anonymous default true function",
        "> class klass 42",
        "> names default default default named",
        "> chain bottom bottom 36",
      ]);
    },
  );
});

test("a missing export or an ambiguous star export is a SyntaxError naming the file and the name", async () => {
  await withApp(
    { "main.js": `import { nope } from "./dep.js";\nconsole.log(nope);`, "dep.js": "export const yes = 1;" },
    {},
    async (app) => {
      const line = await app.next(/SyntaxError/);
      assert.match(line + app.output(), /does not provide an export named 'nope'/);
      assert.match(app.output(), /main\.js:1:\d+/);
      assert.equal((await app.exit).code, 1);
    },
  );
  await withApp(
    {
      "main.js": `import { same } from "./both.js";`,
      "both.js": `export * from "./x.js"; export * from "./y.js";`,
      "x.js": `export const same = 1;`,
      "y.js": `export const same = 2;`,
    },
    {},
    async (app) => {
      await app.next(/SyntaxError/);
      assert.match(app.output(), /conflicting star exports for name 'same'/);
      assert.equal((await app.exit).code, 1);
    },
  );
});

test("a duplicate export is a SyntaxError naming the file and the name", async () => {
  await withApp(
    { "main.js": `import "./dup.js";`, "dup.js": `export const a = 1;\nconst b = 2;\nexport { b as a };\n` },
    {},
    async (app) => {
      await app.next(/SyntaxError/);
      assert.match(app.output(), /dup\.js:\d+:\d+/);
      assert.match(app.output(), /'a'/);
      assert.equal((await app.exit).code, 1);
    },
  );
});

test("dynamic import() returns a live namespace that follows updates", async () => {
  await withApp(
    {
      "main.js": `
        const ns = await import("./dep.js");
        import.meta.hot.accept("./dep.js", () => console.log("> after", ns.value));
        console.log("> before", ns.value, Object.prototype.toString.call(ns));
        setInterval(() => {}, 1000);
      `,
      "dep.js": `export const value = "one";`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> before/), "> before one [object Module]");
      app.write("dep.js", `export const value = "two";`);
      assert.equal(await app.next(/^> after/), "> after two");
    },
  );
});

test("a file: URL specifier names the file its decoded path names (space, #, %, non-ASCII)", async () => {
  const folder = "my dir #1 100% é";
  await withApp(
    {
      "main.js": `
        import { pathToFileURL } from "node:url";
        const url = pathToFileURL(import.meta.dirname + "/${folder}/dep.js").href;
        const ns = await import(url);
        import.meta.hot.accept(url, () => console.log("> after", ns.value));
        console.log("> before", ns.value);
        setInterval(() => {}, 1000);
      `,
      [`${folder}/dep.js`]: `export const value = "one";`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> before/), "> before one");
      app.write(`${folder}/dep.js`, `export const value = "two";`);
      assert.equal(await app.next(/^> after/), "> after two");
    },
  );
});

test("top-level await is told apart from await inside functions, whatever its form", async () => {
  await withApp(
    {
      "main.js": `import { parenthesised } from "./paren.js"; import { inner } from "./inner.js"; import { loop } from "./loop.js"; console.log("> main", parenthesised, await inner(), loop);`,
      "paren.js": `export const parenthesised = await (Promise.resolve("paren"));`,
      "inner.js": `export async function inner() { return await Promise.resolve("inner"); } console.log("> inner is synchronous");`,
      "loop.js": `export let loop = ""; for await (const part of ["a", "b"]) loop += part;`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 2), ["> inner is synchronous", "> main paren inner ab"]);
    },
  );
});

test("an update inside a cycle re-evaluates in the order the spec gives from the entry", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; setInterval(() => {}, 1000); console.log("> ready");`,
      "a.js": `import { b } from "./b.js"; export function a() { return "a"; } console.log("> a runs, b is", b); import.meta.hot.accept();`,
      "b.js": `import { a } from "./a.js"; export const b = "b1"; console.log("> b runs, a() is", a());`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 3), ["> b runs, a() is a", "> a runs, b is b1", "> ready"]);
      app.write("b.js", `import { a } from "./a.js"; export const b = "b2"; console.log("> b runs, a() is", a());`);
      assert.deepEqual(await lines(app, 2), ["> b runs, a() is a", "> a runs, b is b2"]);
    },
  );
});

// SEMANTICS.md section 6: main.js is not evaluated again, so its namespace keeps the names it
// linked with (a real namespace's are fixed) while its reads, also of the new name, are live.
test("a star export follows its source's new names, also when the re-exporting module is not re-evaluated", async () => {
  await withApp(
    {
      "main.js": `
        import * as all from "./barrel.js";
        setInterval(() => {}, 1000);
        process.on("SIGUSR2", () => console.log("> keys", Object.keys(all).join(","), all.extra));
        console.log("> keys", Object.keys(all).join(","));
      `,
      "barrel.js": `export * from "./one.js"; import.meta.hot.accept("./one.js"); console.log("> barrel evaluated");`,
      "one.js": `export const one = 1;`,
    },
    {},
    async (app) => {
      await app.next("> barrel evaluated");
      assert.equal(await app.next(/^> keys/), "> keys one");
      app.write("one.js", `export const one = 1; export const extra = "new";`);
      await app.next("[hot]");
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> keys/), "> keys one new");
      assert.equal(app.lines.filter((line) => line.text === "> barrel evaluated").length, 1);
    },
  );
});

test("a failed top-level await rejects its own module's import() before its importer's (the spec's order)", async () => {
  // Node 26 settles them in this order too; Node 22's V8 still rejects the importer first.
  await withApp(
    {
      "main.js": `import { gate, innerStarted, outerStarted } from "./gate.js";
const settled = [];
const outer = innerStarted.promise.then(() => import("./outer.js").finally(() => settled.push("outer"))).catch(() => {});
const inner = import("./inner.js").finally(() => settled.push("inner")).catch(() => {});
await Promise.all([innerStarted.promise, outerStarted.promise]);
gate.reject(new Error("gate closed"));
await Promise.all([outer, inner]);
console.log("> " + settled.join(" then "));
`,
      "gate.js": `export const gate = Promise.withResolvers();
export const innerStarted = Promise.withResolvers();
export const outerStarted = Promise.withResolvers();
`,
      "inner.js": `import { gate, innerStarted } from "./gate.js";
innerStarted.resolve();
await gate.promise;
`,
      "outer-started.js": `import { outerStarted } from "./gate.js";
outerStarted.resolve();
`,
      "outer.js": `import "./outer-started.js";
import "./inner.js";
console.log("outer never runs");
`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 1), ["> inner then outer"]);
    },
  );
});

test("an import that does not resolve fails with Node's code and message, differentially", () => {
  const specifiers = [
    "no-such-package",
    "no-such-package/sub/path.js",
    "@no-such-scope/pkg",
    "@no-such-scope/pkg/sub",
    "./missing.js",
    "./missing",
    "../app-sibling/missing.ts",
    "./sub/",
    "./folder",
    "./folder/",
    "/no/such/absolute.js",
    "file:///no/such/url.js",
  ];
  const files = {
    "folder/notes.txt": "a folder without an index",
    "main.mjs": `for (const s of ${JSON.stringify(specifiers)}) {
  try { await import(s); console.log(s, "resolved?"); } catch (e) { console.log(JSON.stringify(s), e.name, e.code, e.message, e.url); }
}`,
  };
  assertSameAsNode(files, "main.mjs");
});

test("import.meta.resolve answers as Node's does, a URL even for a file that is not there", () => {
  const specifiers = ["./lib.js", "./not-yet.js", "./folder", "./folder/", "node:fs", "fs", "no-such-package", "/no/such/absolute.js", "data:text/javascript,1"];
  const files = {
    "lib.js": "export {};",
    "folder/notes.txt": "a folder without an index",
    "main.mjs": `for (const s of ${JSON.stringify(specifiers)}) {
  try { console.log(JSON.stringify(s), import.meta.resolve(s).replace(import.meta.dirname, "<app>")); } catch (e) { console.log(JSON.stringify(s), "throws", e.code); }
}`,
  };
  assertSameAsNode(files, "main.mjs");
});

test("a query or fragment in an import makes an instance of its own, as in Node", () => {
  const files = {
    "x.js": "export const url = import.meta.url; export const id = Math.random();",
    "main.mjs": `import { id } from "./x.js";
const show = (m) => m.url.slice(import.meta.url.lastIndexOf("/"));
const [q1, q2, q1again, frag, both] = await Promise.all(["./x.js?v=1", "./x.js?v=2", "./x.js?v=1", "./x.js#top", "./x.js?v=3#top"].map((s) => import(s)));
const fromUrl = await import(new URL("./x.js?v=4", import.meta.url).href);
console.log([q1, q2, frag, both, fromUrl].map(show).join(" "));
console.log(q1 === q1again, q1 === q2, q1.id === id, q2.id === id, fromUrl.id === id);`,
  };
  assertSameAsNode(files, "main.mjs");
});

test("a TypeScript module imported with a query is compiled, in an instance of its own", () => {
  const files = {
    "package.json": '{ "type": "module" }',
    "util.ts": "enum Color { Red, Green }\nexport const id: number = Math.random();\nexport const url: string = import.meta.url;\nexport const green = Color.Green;\n",
    "main.ts": `import { id } from "./util.js";
const fresh = await import("./util.js?v=1");
console.log(fresh.url === import.meta.url.replace("main.ts", "util.ts?v=1"), fresh.id !== id, fresh.green);`,
  };
  const [ours] = runInApp(files, ["--import", REGISTER, "main.ts"]);
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, "true true 1\n");
});

test("a module reached through symbolic links is one module under its real path, as in Node", () => {
  const files = {
    "real/target.js": "export const url = import.meta.url; export const id = Math.random();",
    "real/other.js": 'import { id } from "./target.js"; export const url = import.meta.url; export const sameTarget = id;',
    "static.js": 'import { id } from "./link.js"; import { sameTarget } from "./dirlink/other.js"; export const url = import.meta.url; export const ids = [id, sameTarget];',
    "main.mjs": `import { symlinkSync } from "node:fs";
for (const [target, link] of [["real/target.js", "link.js"], ["real", "dirlink"]]) {
  try { symlinkSync(target, new URL(link, import.meta.url)); } catch {}
}
const [real, link, viaDirectory, other, staticImports] = await Promise.all(
  ["./real/target.js", "./link.js", "./dirlink/target.js", "./dirlink/other.js", "./static.js"].map((s) => import(s)),
);
const show = (m) => m.url.slice(import.meta.url.lastIndexOf("/"));
console.log([real, link, viaDirectory, other, staticImports].map(show).join(" "));
console.log(real === link, real === viaDirectory, other.sameTarget === real.id, staticImports.ids.every((id) => id === real.id));`,
  };
  assertSameAsNode(files, "main.mjs");
});

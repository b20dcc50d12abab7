// Node's format rules (SEMANTICS.md section 1): every case runs under plain node and under the
// runtime and must print the same; then what only the runtime does (tsconfig-driven TypeScript,
// edits to CommonJS files, worker threads, packages importing app files by their `.js` name).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REGISTER, runInApp, withApp } from "./harness.js";

const UNTYPED = JSON.stringify({ name: "app" });
const LIB = "export const a = 1;\nexport default function answer() { return 42; }\n";

/** [name, files, entry]: the app prints what Node made of its files. */
const DIFFERENTIAL = [
  ["CommonJS app without type", { "package.json": UNTYPED, "a.js": "exports.n = 42;\n", "index.js": 'const { n } = require("./a");\nconsole.log(n, typeof module, typeof __dirname);\n' }, "index.js"],
  [".cjs entry requiring an untyped .js", { "package.json": UNTYPED, "a.js": "module.exports = [1, 2];\n", "index.cjs": 'console.log(require("./a").length);\n' }, "index.cjs"],
  ["type commonjs", { "package.json": JSON.stringify({ type: "commonjs" }), "a.js": "exports.x = __filename.endsWith('a.js');\n", "index.js": 'console.log(require("./a.js").x, this === module.exports);\n' }, "index.js"],
  ["require(esm) of .mjs importing .mjs", { "package.json": UNTYPED, "lib.mjs": LIB, "mid.mjs": 'import answer, { a } from "./lib.mjs";\nexport const sum = answer() + a;\n', "index.cjs": 'const m = require("./mid.mjs");\nconsole.log(m.sum, Object.keys(m).join());\n' }, "index.cjs"],
  ["require(esm) of an untyped ES module .js", { "package.json": UNTYPED, "lib.js": LIB, "index.cjs": 'const m = require("./lib.js");\nconsole.log(m.a, m.default(), m.__esModule);\n' }, "index.cjs"],
  ["untyped ES module entry", { "package.json": UNTYPED, "lib.js": LIB, "index.js": 'import answer, { a } from "./lib.js";\nconsole.log(answer(), a, typeof require);\n' }, "index.js"],
  ["untyped top-level await", { "package.json": UNTYPED, "index.js": "const v = await Promise.resolve(7);\nconsole.log(v, typeof require);\n" }, "index.js"],
  ["untyped const require", { "package.json": UNTYPED, "index.js": 'const require = (x) => x;\nconsole.log(require("y"), typeof module);\n' }, "index.js"],
  ["untyped ES module importing CommonJS", { "package.json": UNTYPED, "c.js": "exports.named = 'n';\nmodule.exports.other = 2;\n", "index.js": 'import c, { named } from "./c.js";\nexport {};\nconsole.log(named, c.other);\n' }, "index.js"],
  ["type module importing .cjs", { "package.json": JSON.stringify({ type: "module" }), "c.cjs": "exports.named = 'n';\n", "index.js": 'import { named } from "./c.cjs";\nconsole.log(named, typeof require);\n' }, "index.js"],
  [".mts and .cts", { "package.json": UNTYPED, "c.cts": "const n: number = 3;\nmodule.exports = { n };\n", "lib.mts": 'import c from "./c.cts";\nexport const n: number = c.n * 2;\n', "index.mts": 'import { n } from "./lib.mts";\nconsole.log(n);\n' }, "index.mts"],
  ["untyped CommonJS TypeScript", { "package.json": UNTYPED, "a.ts": "const x: number = 5;\nmodule.exports = { x };\n", "index.ts": 'const { x } = require("./a.ts");\nconsole.log(x + 1);\n' }, "index.ts"],
  ["untyped ES module TypeScript", { "package.json": UNTYPED, "a.ts": "export const x: number = 5;\n", "index.ts": 'import { x } from "./a.ts";\nimport type { Server } from "node:http";\nconsole.log(x + 1, typeof require);\n' }, "index.ts"],
];

for (const [name, files, entry] of DIFFERENTIAL) {
  test(`as plain node: ${name}`, () => {
    const [plain, ours] = runInApp(files, [entry], ["--import", REGISTER, entry]);
    assert.equal(plain.status, 0, `plain node fails, the case is wrong: ${plain.stderr}`);
    assert.deepEqual({ status: ours.status, stdout: ours.stdout }, { status: 0, stdout: plain.stdout }, ours.stderr);
    assert.ok(!ours.stderr.includes("[hot]"), ours.stderr);
  });
}

/** [name, files, expected stdout]: TypeScript and JSX compiled as tsconfig.json says. */
const TSCONFIG = [
  [
    "legacy decorators with metadata, tsconfig extending a package",
    {
      "tsconfig.json": '{ "extends": "@acme/tsconfig/base.json", "compilerOptions": { "emitDecoratorMetadata": true } }',
      "node_modules/@acme/tsconfig/package.json": '{ "name": "@acme/tsconfig" }',
      "node_modules/@acme/tsconfig/base.json": '{ /* comments are allowed */ "compilerOptions": { "experimentalDecorators": true } }',
      "svc.ts": "export class Svc { hello() { return 'hi'; } }\n",
      "main.ts": [
        "const seen: string[] = [];",
        "(Reflect as any).metadata = (key: string, value: any) => () => { if (key === 'design:paramtypes') seen.push(value.map((v: any) => v.name).join()); };",
        "function Injectable(): ClassDecorator { return () => {}; }",
        "import { Svc } from './svc.ts';",
        "@Injectable()",
        "class App { constructor(private svc: Svc, n: number) {} run() { return this.svc.hello(); } }",
        "console.log(new App(new Svc(), 1).run(), seen.join(';'));",
      ].join("\n"),
    },
    "hi Svc,Number\n",
  ],
  [
    ".tsx without imports uses jsxImportSource through an import",
    {
      "tsconfig.json": '{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "tiny" } }',
      "node_modules/tiny/package.json": '{ "name": "tiny", "type": "module", "exports": { "./jsx-runtime": "./jsx-runtime.js" } }',
      "node_modules/tiny/jsx-runtime.js": "export const jsx = (tag, props) => `<${tag}>${props.children}</${tag}>`;\nexport const jsxs = jsx;\nexport const Fragment = 'f';\n",
      "view.tsx": "export const View = (props: { name: string }) => <b>{props.name}</b>;\n",
      "main.ts": "import { View } from './view.tsx';\nconsole.log(View({ name: 'x' }));\n",
    },
    "<b>x</b>\n",
  ],
  [
    "classic JSX with jsxFactory and jsxFragmentFactory",
    {
      "tsconfig.json": '{ "compilerOptions": { "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Frag" } }',
      "main.tsx": "const Frag = 'frag';\nfunction h(tag: any, _props: any, ...children: any[]) { return `${tag}(${children.join()})`; }\nconsole.log(<><i>a</i></>);\n",
    },
    "frag(i(a))\n",
  ],
  [
    "useDefineForClassFields false assigns fields",
    {
      "tsconfig.json": '{ "compilerOptions": { "useDefineForClassFields": false } }',
      "main.ts": "class Base { set x(v: number) { console.log('setter', v); } }\nclass A extends Base { x = 1; y!: number; }\nconsole.log(Object.keys(new A()).join() || 'none');\n",
    },
    "setter 1\nnone\n",
  ],
  [
    "verbatimModuleSyntax keeps an import used only as a type",
    {
      "tsconfig.json": '{ "compilerOptions": { "verbatimModuleSyntax": true } }',
      "side.ts": "console.log('side effect');\nexport interface Shape {}\nexport const unused = 1;\n",
      "main.ts": "import { unused } from './side.ts';\nconsole.log('main');\n",
    },
    "side effect\nmain\n",
  ],
  [
    "without verbatimModuleSyntax an unused import is elided",
    {
      "side.ts": "console.log('side effect');\nexport const unused = 1;\n",
      "main.ts": "import { unused } from './side.ts';\nconsole.log('main');\n",
    },
    "main\n",
  ],
  [
    "a package imports an app file by its .js name",
    {
      "node_modules/loader/package.json": '{ "name": "loader", "type": "module", "exports": "./index.js" }',
      "node_modules/loader/index.js": "export const load = (root) => import(new URL('start/routes.js', root).href);\nexport { value } from '../../config/app.js';\n",
      "config/app.ts": "export const value: string = 'config';\n",
      "start/routes.ts": "export const routes: string[] = ['/'];\n",
      "main.ts": "import { load, value } from 'loader';\nconst { routes } = await load(new URL('./', import.meta.url));\nconsole.log(value, routes.join());\n",
    },
    "config /\n",
  ],
  [
    "a CommonJS package requires an app file by its absolute .js path",
    {
      "node_modules/kernel/package.json": '{ "name": "kernel", "main": "index.js" }',
      "node_modules/kernel/index.js": "const { join } = require('node:path');\nexports.boot = (root) => require(join(root, 'start', 'kernel.js')).name;\n",
      "start/kernel.ts": "export const name: string = 'kernel';\n",
      "main.ts": "import { boot } from 'kernel';\nconsole.log(boot(import.meta.dirname));\n",
    },
    "kernel\n",
  ],
];

for (const [name, files, expected] of TSCONFIG) {
  test(`tsconfig: ${name}`, () => {
    const [ours] = runInApp(files, ["--import", REGISTER, "main.ts" in files ? "main.ts" : "main.tsx"]);
    assert.equal(ours.stdout, expected, ours.stderr);
    assert.equal(ours.status, 0, ours.stderr);
  });
}

test("an untyped ES module TypeScript app participates and updates hot", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "dep.ts": "export const value: string = 'one';\n",
      "main.ts": [
        "import { value } from './dep.ts';",
        "console.log('> value', value);",
        "import.meta.hot?.accept();",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    },
    { entry: "main.ts" },
    async (app) => {
      assert.equal(await app.next(/^> value/), "> value one");
      app.write("dep.ts", "export const value: string = 'two';\n");
      assert.equal(await app.next(/^> value/), "> value two");
    },
  );
});

test("import() from a CommonJS module that require() loaded still goes to the runtime", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "util.cjs": 'exports.load = () => import("./app.mjs");\n',
      "index.cjs": 'require("./util.cjs").load();\nsetInterval(() => {}, 1000);\n',
      "dep.mjs": "export const value = 'one';\n",
      "app.mjs": 'import { value } from "./dep.mjs";\nconsole.log("> value", value);\nimport.meta.hot.accept();\n',
    },
    { entry: "index.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> value/), "> value one");
      app.write("dep.mjs", "export const value = 'two';\n");
      assert.equal(await app.next(/^> value/), "> value two");
    },
  );
});

test("an app ES module that require() loaded runs through Node, TypeScript compiled, and its edit asks for a restart", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "tsconfig.json": '{ "compilerOptions": { "experimentalDecorators": true } }',
      "lib.mts": "function sealed(c: Function) { Object.seal(c); }\n@sealed export class Lib { static n: number = 1; }\n",
      "index.cjs": 'const { Lib } = require("./lib.mts");\nconsole.log("> lib", Lib.n, Object.isSealed(Lib));\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "index.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> lib/), "> lib 1 true");
      app.write("lib.mts", "export class Lib { static n = 2; }\n");
      assert.equal(
        await app.next(/^\[hot\]/),
        "[hot] lib.mts is required as an ES module, which Node loads itself: an edit to it is not hot. A restart is needed.",
      );
    },
  );
});

test("an unaccepted edit to a .js file of a type commonjs package asks for a restart, naming the chain", async () => {
  await withApp(
    {
      "package.json": JSON.stringify({ type: "commonjs" }),
      "a.js": "exports.n = 1;\n",
      "main.js": 'console.log("> n", require("./a.js").n);\nsetInterval(() => {}, 1000);\n',
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> n/), "> n 1");
      app.write("a.js", "exports.n = 2;\n");
      assert.equal(
        await app.next(/^\[hot\]/),
        "[hot] Update not accepted: a.js -> main.js (entry). A restart is needed.",
      );
    },
  );
});

test("a worker thread loads as Node would, TypeScript compiled, with no runtime or driver connection of its own", async () => {
  // A stand-in driver socket: the main thread connects to it once; a worker must not.
  const socketDir = mkdtempSync(join(tmpdir(), "hotswap-driver-"));
  const socketPath = join(socketDir, "driver.sock");
  let connections = 0;
  const driver = createServer((socket) => {
    connections += 1;
    socket.resume();
  });
  await new Promise((resolve) => driver.listen(socketPath, resolve));
  try {
    await withApp(
      {
        "tsconfig.json": '{ "compilerOptions": { "experimentalDecorators": true } }',
        "worker.ts": [
          "import { parentPort } from 'node:worker_threads';",
          "enum Color { Red = 'red' }",
          "function tag(target: any) { target.tagged = true; }",
          "@tag class K {}",
          "parentPort!.postMessage([Color.Red, (K as any).tagged, typeof (globalThis as any)[Symbol.for('hotswap.runtime')], typeof import.meta.hot].join());",
        ].join("\n"),
        "main.ts": [
          "import { Worker } from 'node:worker_threads';",
          "const worker = new Worker(new URL('./worker.ts', import.meta.url));",
          "worker.on('message', (m) => { console.log('> worker', m); worker.terminate(); });",
          "worker.on('error', (e) => console.log('> worker error', e.message));",
          "setInterval(() => {}, 1000);",
        ].join("\n"),
      },
      { entry: "main.ts", env: { HOTSWAP_SOCKET: socketPath } },
      async (app) => {
        assert.equal(await app.next(/^> worker/), "> worker red,true,undefined,undefined");
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(!app.output().includes("Cannot connect"), app.output());
        assert.equal(connections, 1, app.output());
      },
    );
  } finally {
    driver.close();
    rmSync(socketDir, { recursive: true, force: true });
  }
});

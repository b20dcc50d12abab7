// The app's CommonJS modules under the runtime: webpack's `module.hot` (accept, decline,
// dispose and data, invalidate, removeDisposeHandler, status), propagation through require()
// by SEMANTICS.md, a coherent require.cache, rollback, and mixed graphs. Real node, real files.
import assert from "node:assert/strict";
import test from "node:test";
import { withApp } from "./harness.js";

const UNTYPED = JSON.stringify({ name: "app" });

// The entry accepts its routes module; the routes require a helper; the counter lives in the
// entry. `> state` reports require.cache's size and the children of the entry's module.
const ACCEPTING_ENTRY = {
  "package.json": UNTYPED,
  "helper.cjs": "exports.word = () => 'one';\n",
  "routes.cjs": 'const { word } = require("./helper.cjs");\nexports.handle = () => word();\nconsole.log("> routes evaluated");\n',
  "main.cjs": [
    'let routes = require("./routes.cjs");',
    "let count = 0;",
    "const tick = () => {",
    "  count += 1;",
    '  const app = Object.keys(require.cache).filter((key) => key.startsWith(__dirname)).length;',
    '  console.log("> state", routes.handle(), count, app, module.children.length, module.hot.status());',
    "};",
    'module.hot.accept("./routes.cjs", (outdated) => {',
    '  routes = require("./routes.cjs");',
    '  console.log("> accepted", outdated.map((p) => p.split("/").pop()).join(), module.hot.status());',
    "  tick();",
    "});",
    "tick();",
    "setInterval(() => {}, 1000);",
    "",
  ].join("\n"),
};

test("an entry that accepts its routes module keeps its state while the routes and what they require change", async () => {
  await withApp(ACCEPTING_ENTRY, { entry: "main.cjs" }, async (app) => {
    assert.equal(await app.next(/^> state/), "> state one 1 3 1 idle");
    for (const [index, word] of ["two", "three", "four"].entries()) {
      app.write("helper.cjs", `exports.word = () => '${word}';\n`);
      assert.equal(await app.next(/^> routes evaluated/), "> routes evaluated");
      assert.equal(await app.next(/^> accepted/), "> accepted routes.cjs apply");
      // require.cache holds one entry per app file and the entry's children do not grow.
      assert.equal(await app.next(/^> state/), `> state ${word} ${index + 2} 3 1 apply`);
    }
    // stdout and stderr are separate pipes, so a [hot] line may come before or after its
    // update's own output: the three are counted once all have arrived.
    const hotLines = () => app.lines.filter((line) => line.stream === "stderr" && line.text.startsWith("[hot]"));
    for (let waited = 0; hotLines().length < 3 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      hotLines().map((line) => /reevaluated 2 existing modules/.test(line.text)),
      [true, true, true],
      app.output(),
    );
  });
});

test("a syntax error keeps the old code running, and the fix applies", async () => {
  await withApp(ACCEPTING_ENTRY, { entry: "main.cjs" }, async (app) => {
    assert.equal(await app.next(/^> state/), "> state one 1 3 1 idle");
    app.write("helper.cjs", "exports.word = () => 'two' +;\n");
    assert.equal(await app.next(/^\[hot\]/), "[hot] Syntax error at helper.cjs:1:29: Unexpected token. The old code keeps running.");
    app.write("helper.cjs", "exports.word = () => 'fixed';\n");
    assert.equal(await app.next(/^> state/), "> state fixed 2 3 1 apply");
  });
});

test("a version that throws is rolled back: the previous source runs again with the data its dispose handlers filled", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "dep.cjs": [
        "exports.version = 'v1';",
        "const runs = (module.hot.data?.runs ?? 0) + 1;",
        'console.log("> dep", exports.version, runs);',
        "module.hot.dispose((data) => { data.runs = runs; });",
        "",
      ].join("\n"),
      "main.cjs": 'let dep = require("./dep.cjs");\nmodule.hot.accept("./dep.cjs", () => { dep = require("./dep.cjs"); console.log("> main sees", dep.version); });\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> dep/), "> dep v1 1");
      app.write("dep.cjs", "const runs = (module.hot.data?.runs ?? 0) + 1;\nconsole.log('> dep v2', runs);\nmodule.hot.dispose((data) => { data.runs = runs; });\nthrow new Error('boom');\n");
      assert.equal(await app.next(/^> dep/), "> dep v2 2");
      assert.equal(await app.next(/^> dep/), "> dep v1 2");
      assert.match(await app.next(/^\[hot\]/), /^\[hot\] Error evaluating dep\.cjs:4:\d+: boom\. Rolled back/);
      app.write("dep.cjs", "exports.version = 'v3';\n");
      assert.equal(await app.next(/^> main sees/), "> main sees v3");
    },
  );
});

test("a self-accepting module is evaluated again in place; dispose hands over data; removeDisposeHandler removes one", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "server.cjs": [
        "const generation = (module.hot.data?.generation ?? 0) + 1;",
        'console.log("> server", "A", generation);',
        "const removed = () => console.log('> removed handler ran');",
        "module.hot.addDisposeHandler(removed);",
        "module.hot.dispose((data) => { data.generation = generation; console.log('> dispose', generation, module.hot.status()); });",
        "module.hot.removeDisposeHandler(removed);",
        "module.hot.accept();",
        "",
      ].join("\n"),
      "main.cjs": 'require("./server.cjs");\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> server/), "> server A 1");
      app.write("server.cjs", (await import("node:fs")).readFileSync(app.path("server.cjs"), "utf8").replace('"A"', '"B"'));
      assert.equal(await app.next(/^> dispose/), "> dispose 1 dispose");
      assert.equal(await app.next(/^> server/), "> server B 2");
      assert.match(await app.next(/^\[hot\]/), /reevaluated 1 existing module/);
      assert.ok(!app.lines.some((line) => line.text.includes("removed handler")), app.output());
    },
  );
});

test("decline() and an unaccepted edit ask for a restart and name the chain", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "leaf.cjs": "exports.n = 1;\n",
      "declining.cjs": 'require("./leaf.cjs");\nmodule.hot.decline();\n',
      "middle.cjs": 'exports.n = require("./leaf.cjs").n;\n',
      "main.cjs": 'require("./middle.cjs");\nrequire("./declining.cjs");\nconsole.log("> ready");\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      await app.next(/^> ready/);
      app.write("middle.cjs", "exports.n = 2;\n");
      assert.equal(await app.next(/^\[hot\]/), "[hot] Update not accepted: middle.cjs -> main.cjs (entry). A restart is needed.");
      app.write("leaf.cjs", "exports.n = 3;\n");
      assert.equal(await app.next(/^\[hot\]/), "[hot] declining.cjs declined the update (leaf.cjs -> declining.cjs). A restart is needed.");
    },
  );
});

test("invalidate() outside an update evaluates a self-accepting module again", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "config.cjs": [
        "const runs = (module.hot.data?.runs ?? 0) + 1;",
        'console.log("> config", runs);',
        "module.hot.accept();",
        "module.hot.dispose((data) => { data.runs = runs; });",
        "if (runs === 1) setTimeout(() => module.hot.invalidate(), 50);",
        "",
      ].join("\n"),
      "main.cjs": 'require("./config.cjs");\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> config/), "> config 1");
      assert.equal(await app.next(/^> config/), "> config 2");
    },
  );
});

test("a module no longer required leaves require.cache and its dispose handlers run", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "old.cjs": "module.hot.dispose(() => console.log('> old disposed'));\nexports.name = 'old';\n",
      "new.cjs": "exports.name = 'new';\n",
      "routes.cjs": 'exports.name = require("./old.cjs").name;\n',
      "main.cjs": [
        'let routes = require("./routes.cjs");',
        'module.hot.accept("./routes.cjs", () => {',
        '  routes = require("./routes.cjs");',
        '  console.log("> routes", routes.name, Object.keys(require.cache).filter((k) => k.startsWith(__dirname)).map((k) => k.split("/").pop()).sort().join());',
        "});",
        "setInterval(() => {}, 1000);",
        "",
      ].join("\n"),
    },
    { entry: "main.cjs" },
    async (app) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      app.write("routes.cjs", 'exports.name = require("./new.cjs").name;\n');
      assert.equal(await app.next(/^> routes/), "> routes new main.cjs,new.cjs,old.cjs,routes.cjs");
      assert.equal(await app.next(/^> old disposed/), "> old disposed");
      app.write("new.cjs", "exports.name = 'newer';\n");
      assert.equal(await app.next(/^> routes/), "> routes newer main.cjs,new.cjs,routes.cjs");
    },
  );
});

test("an ES module importing a changed CommonJS module is named in the restart's chain", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "lib.cjs": "exports.n = 1;\n",
      "main.mjs": 'import { n } from "./lib.cjs";\nconsole.log("> n", n);\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.mjs" },
    async (app) => {
      assert.equal(await app.next(/^> n/), "> n 1");
      app.write("lib.cjs", "exports.n = 2;\n");
      assert.equal(await app.next(/^\[hot\]/), "[hot] Update not accepted: lib.cjs -> main.mjs (entry). A restart is needed.");
    },
  );
});

test("a self-accepting CommonJS entry (compiled Nest's dist/main.js) is evaluated again and stays require.main", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "main.cjs": [
        "const http = require('node:http');",
        "const server = http.createServer((_q, r) => r.end('v1'));",
        "server.listen(module.hot.data?.port ?? 0, '127.0.0.1', () => {",
        "  console.log('> listening', server.address().port, require.main === module, process.mainModule === module);",
        "});",
        "module.hot.accept();",
        "module.hot.dispose((data) => { data.port = server.address().port; return new Promise((r) => server.close(r)); });",
        "",
      ].join("\n"),
    },
    { entry: "main.cjs" },
    async (app) => {
      const first = await app.next(/^> listening/);
      const port = first.split(" ")[2];
      assert.equal(first, `> listening ${port} true true`);
      app.write("main.cjs", (await import("node:fs")).readFileSync(app.path("main.cjs"), "utf8").replace("'v1'", "'v2'"));
      assert.equal(await app.next(/^> listening/), `> listening ${port} true true`);
      const body = await new Promise((resolve, reject) => {
        import("node:http").then(({ get }) => get(`http://127.0.0.1:${port}/`, (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve(text));
        }).on("error", reject));
      });
      assert.equal(body, "v2");
    },
  );
});

// (A .cts entry, or a .cts file an ES module imports, runs through Node 22's ESM translator,
// which does not call Module.prototype._compile: it gets no module.hot there.)
test("a CommonJS TypeScript module (.cts) is updated through Node's type stripping", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "dep.cts": "const value: string = 'one';\nexports.value = value;\n",
      "main.cjs": 'let dep = require("./dep.cts");\nconsole.log("> value", dep.value);\nmodule.hot.accept("./dep.cts", () => { dep = require("./dep.cts"); console.log("> value", dep.value); });\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> value/), "> value one");
      app.write("dep.cts", "const value: string = 'two';\nexports.value = value;\n");
      assert.equal(await app.next(/^> value/), "> value two");
    },
  );
});

test("mixed graphs: an ES module that imports a changed CommonJS module is evaluated again with its new exports, or accepts it", async () => {
  await withApp(
    {
      "package.json": UNTYPED,
      "lib.cjs": "exports.n = 1;\n",
      "view.mjs": 'import { n } from "./lib.cjs";\nconsole.log("> view", n);\nexport const shown = n;\n',
      "acceptor.mjs": [
        'import lib from "./lib.cjs";',
        'import.meta.hot.accept("./lib.cjs", (namespace) => console.log("> acceptor got", namespace.n, namespace.default.n));',
        'console.log("> acceptor", lib.n);',
        "",
      ].join("\n"),
      "main.mjs": [
        'import { shown } from "./view.mjs";',
        'import "./acceptor.mjs";',
        'import.meta.hot.accept("./view.mjs", (view) => console.log("> main sees", view.shown));',
        "setInterval(() => {}, 1000);",
        "",
      ].join("\n"),
    },
    { entry: "main.mjs" },
    async (app) => {
      assert.equal(await app.next(/^> view/), "> view 1");
      assert.equal(await app.next(/^> acceptor/), "> acceptor 1");
      app.write("lib.cjs", "exports.n = 2;\n");
      assert.equal(await app.next(/^> view/), "> view 2");
      assert.equal(await app.next(/^> main sees/), "> main sees 2");
      assert.equal(await app.next(/^> acceptor got/), "> acceptor got 2 2");
    },
  );
});

// webpack's accept(errorHandler): the version being replaced registered the handler; it is
// called after the rollback, with the Module now in require.cache (the restored version).
test("accept(errorHandler): a self-accepting module whose new version (or a dependency) throws is rolled back, then its handler is told", async () => {
  const server = (version) => [
    `exports.version = '${version}';`,
    "require('./dep.cjs');",
    `console.log("> server", exports.version);`,
    "module.hot.accept((err, { moduleId, module: current }) => {",
    `  console.log("> handler of", '${version}', err.message, moduleId === __filename, current === require.cache[__filename], current.exports.version);`,
    "});",
    "",
  ].join("\n");
  await withApp(
    {
      "package.json": UNTYPED,
      "dep.cjs": "exports.ok = true;\n",
      "server.cjs": server("v1"),
      "main.cjs": 'require("./server.cjs");\nsetInterval(() => {}, 1000);\n',
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> server/), "> server v1");
      app.write("server.cjs", `${server("v2")}throw new Error('server boom');\n`);
      assert.equal(await app.next(/^> server/), "> server v2");
      assert.equal(await app.next(/^> server/), "> server v1");
      assert.equal(await app.next(/^> handler/), "> handler of v1 server boom true true v1");
      assert.match(await app.next(/^\[hot\]/), /^\[hot\] Error evaluating server\.cjs:\d+:\d+: server boom\. Rolled back/);
      app.write("server.cjs", server("v3"));
      assert.equal(await app.next(/^> server/), "> server v3");
      assert.match(await app.next(/^\[hot\]/), /reevaluated 1 existing module/);
      // A dependency that throws reaches the self-accepting module's handler too.
      app.write("dep.cjs", "throw new Error('dep boom');\n");
      assert.equal(await app.next(/^> server/), "> server v3");
      assert.equal(await app.next(/^> handler/), "> handler of v3 dep boom true true v3");
      assert.match(await app.next(/^\[hot\]/), /^\[hot\] Error evaluating dep\.cjs:1:\d+: dep boom\. Rolled back/);
      app.write("dep.cjs", "exports.ok = 'fixed';\n");
      assert.equal(await app.next(/^> server/), "> server v3");
      assert.match(await app.next(/^\[hot\]/), /reevaluated 2 existing modules/);
      assert.ok(!app.lines.some((line) => line.text.includes("handler of v2")), app.output());
    },
  );
});

test("accept(deps, callback, errorHandler): a throwing callback goes to the errorHandler, which handles it, or reports its own error", async () => {
  const main = (handler) => [
    'let dep = require("./dep.cjs");',
    'module.hot.accept("./dep.cjs", () => {',
    '  dep = require("./dep.cjs");',
    '  console.log("> callback", dep.value);',
    "  if (dep.value === 'bad' || dep.value === 'worse') throw new Error('callback boom ' + dep.value);",
    "}, (err, { moduleId, dependencyId }) => {",
    '  console.log("> errorHandler", err.message, moduleId === __filename, dependencyId === require.resolve("./dep.cjs"));',
    `  ${handler}`,
    "});",
    'console.log("> started");',
    "setInterval(() => {}, 1000);",
    "",
  ].join("\n");
  await withApp(
    {
      "package.json": UNTYPED,
      "dep.cjs": "exports.value = 'one';\n",
      "main.cjs": main("if (err.message.endsWith('worse')) throw new Error('handler boom');"),
    },
    { entry: "main.cjs" },
    async (app) => {
      assert.equal(await app.next(/^> started/), "> started");
      app.write("dep.cjs", "exports.value = 'bad';\n");
      assert.equal(await app.next(/^> callback/), "> callback bad");
      assert.equal(await app.next(/^> errorHandler/), "> errorHandler callback boom bad true true");
      // Handled: the update stands as applied.
      assert.match(await app.next(/^\[hot\]/), /reevaluated 1 existing module/);
      app.write("dep.cjs", "exports.value = 'worse';\n");
      assert.equal(await app.next(/^> callback/), "> callback worse");
      assert.equal(await app.next(/^> errorHandler/), "> errorHandler callback boom worse true true");
      // The handler's own error is the accept's failure; the update passes on to main's importers.
      assert.match(await app.next(/^\[hot\]/), /handler boom/);
      app.write("dep.cjs", "exports.value = 'good';\n");
      assert.equal(await app.next(/^> callback/), "> callback good");
    },
  );
});

// Node 22 would run such an entry through its ES loader's translator, past
// Module.prototype._compile, and so without module.hot (hooks.js hands it to the CommonJS loader).
for (const entry of ["main.cts", "main.ts"]) {
  test(`a CommonJS TypeScript entry (${entry}) gets module.hot: it self-accepts and accepts a .cts dependency`, async () => {
    const main = (word) => [
      `const word: string = "${word}";`,
      'let dep = require("./dep.cts");',
      'console.log("> entry", word, typeof module.hot, require.main === module, dep.value);',
      "const timer = setInterval(() => {}, 1000);",
      "module.hot.dispose(() => clearInterval(timer));",
      'module.hot.accept("./dep.cts", () => { dep = require("./dep.cts"); console.log("> dep", dep.value); });',
      "module.hot.accept();",
      "",
    ].join("\n");
    await withApp(
      { "package.json": UNTYPED, "dep.cts": "const value: string = 'one';\nexports.value = value;\n", [entry]: main("A") },
      { entry },
      async (app) => {
        assert.equal(await app.next(/^> entry/), "> entry A object true one");
        app.write("dep.cts", "const value: string = 'two';\nexports.value = value;\n");
        assert.equal(await app.next(/^> dep/), "> dep two");
        app.write(entry, main("B"));
        assert.equal(await app.next(/^> entry/), "> entry B object true two");
        assert.match(await app.next(/^\[hot\]/), /reevaluated 1 existing module/);
        assert.ok(!app.lines.some((line) => /restart/i.test(line.text)), app.output());
      },
    );
  });
}

// @upvotr/node-hmr 3.0.2's README examples beyond the minimal one (node-hmr.test.js): the
// Express server and the jiti synthetic require, unchanged but for the import path
// ("@upvotr/node-hmr" -> "hotswap/node-hmr"; the README's `require("expresss")` typo ->
// "express"). The copy of the README we keep (../shared/reference/) lost some lines in
// scraping; those lines are node-hmr 2.0.21's README (npm) with 3.0's names, as the rest shows.
// Express 5 and jiti 1 come from the pinned corpus (testdata/apps/corpus.json). Each runs under
// plain `node` (node-hmr's fs.watch) and under the hotswap runtime. Real node, real files, HTTP.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import test from "node:test";
import { frameworkModules } from "./corpus.js";
import { App, createAppDirectory, httpGet, listeningPort, startApp } from "./harness.js";

const UNTYPED = JSON.stringify({ name: "node-hmr-readme" });

// The README's servers listen on port 3000; tests run side by side, so this preload (not part
// of the example) moves that port to a free one and tells it.
const PORT_PRELOAD = `const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args[0] === 3000) args[0] = 0;
  this.once("listening", () => console.log("> listening", this.address().port));
  return listen.apply(this, args);
};
`;

const EXPRESS = {
  "package.json": UNTYPED,
  "port.cjs": PORT_PRELOAD,
  "server.js": `// server.js
const express = require("express");
const { HMRRuntime, FSWatcher } = require("hotswap/node-hmr");

const runtime = new HMRRuntime(new FSWatcher(require), require);

async function main() {
  const router = await runtime.import("./router.js");

  const app = express();

  app.use((...args) => router.exports(...args));

  app.listen(3000);
}

main();
`,
  "router.js": `const { Router } = require("express");
const { hmr, createRunner } = require("hotswap/node-hmr");

module.exports = hmr(
  createRunner(() => {
    const router = Router();

    router.get("/ping", (req, res) => {
      res.send("pong");
    });

    return router;
  })
);
`,
};

const JITI = {
  "package.json": UNTYPED,
  "index.js": `const createJITIRequire = require("jiti");
const { synthetic, createRuntime } = require("hotswap/node-hmr");

const jiti = createJITIRequire(__filename);
const syntheticRequire = synthetic(
  (id) => jiti(id).default /* The default export is the HMRModule */,
  require,
  jiti.cache
);

const runtime = createRuntime(syntheticRequire);

async function main() {
  const es = await runtime.import("./esm.mjs");
  const ts = await runtime.import("./typescript.ts");

  es.exports();
  // Logs "Running from an ES Module!"
  ts.exports();
  // Logs "Running from a TypeScript Module!"
}

main();
`,
  "esm.mjs": `// esm.mjs
import { hmr, createRunner } from "hotswap/node-hmr";

export default hmr(
  createRunner(() => {
    return () => console.log("Running from an ES Module!");
  })
);
`,
  "typescript.ts": `// typescript.ts
// Thanks to jiti, you can import typescript files, too!
import { hmr, createRunner } from "hotswap/node-hmr";

export default hmr(
  createRunner(() => {
    return () => console.log("Running from a TypeScript Module!" as string);
  })
);
`,
};

/** The app directory, with the corpus's express and jiti beside hotswap in node_modules. */
function appDirectory(files) {
  const dir = createAppDirectory(files);
  const modules = frameworkModules();
  for (const name of ["express", "jiti"]) symlinkSync(join(modules, name), join(dir, "node_modules", name), "dir");
  return dir;
}

const WAYS = [
  ["plain node", (dir, entry, nodeArgs) => new App(dir, spawn(process.execPath, [...nodeArgs, entry], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] }))],
  ["the hotswap runtime", (dir, entry, nodeArgs) => startApp({}, { dir, entry, nodeArgs })],
];

/** GETs `path` until its body is `expected` (node-hmr reloads after its watcher fires), or fails. */
async function bodyBecomes(port, path, expected, app) {
  let body;
  for (let waited = 0; waited < 15000; waited += 100) {
    body = await httpGet(port, path);
    if (body === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(body, expected, app.output());
}

/** Under the runtime, each edit was one hot update that node-hmr applied (no restart). */
async function assertHotUpdates(way, app, count) {
  if (way !== "the hotswap runtime") return;
  const hotLines = () => app.lines.filter((line) => line.text.startsWith("[hot] Loaded 0 new modules, reevaluated 1 existing module")).length;
  // The `[hot]` line is written once the reload finished, on stderr: it may trail stdout.
  for (let waited = 0; hotLines() < count && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(hotLines(), count, app.output());
}

for (const [way, start] of WAYS) {
  test(`node-hmr's README Express example under ${way}: an edit to router.js is served without a restart`, async () => {
    const app = start(appDirectory(EXPRESS), "server.js", ["--require", "./port.cjs"]);
    try {
      const port = await listeningPort(app);
      assert.equal(await httpGet(port, "/ping"), "pong");
      // fs.watch needs a moment to be in place.
      await new Promise((resolve) => setTimeout(resolve, 300));
      app.write("router.js", EXPRESS["router.js"].replace('"pong"', '"pong, edited"'));
      await bodyBecomes(port, "/ping", "pong, edited", app);
      app.write("router.js", EXPRESS["router.js"].replace('"pong"', '"pong, again"').replace('"/ping"', '"/pong"'));
      await bodyBecomes(port, "/pong", "pong, again", app);
      assert.match(await httpGet(port, "/ping"), /Cannot GET \/ping/);
      await assertHotUpdates(way, app, 2);
      // The same server (one `> listening` line) served every version.
      assert.equal(app.lines.filter((line) => line.text.startsWith("> listening")).length, 1, app.output());
      assert.ok(!app.lines.some((line) => /restart/i.test(line.text)), app.output());
    } finally {
      await app.stop();
    }
  });

  test(`node-hmr's README jiti example under ${way}: an ES module and a TypeScript file through a synthetic require, and their edits`, async () => {
    const app = start(appDirectory(JITI), "index.js", []);
    try {
      assert.equal(await app.next(/^Running from an ES/, { timeoutMs: 15000 }), "Running from an ES Module!");
      assert.equal(await app.next(/^Running from a TypeScript/), "Running from a TypeScript Module!");
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The example does not call the exports again; a runner that logs shows each reload.
      app.write("esm.mjs", JITI["esm.mjs"].replace("createRunner(() => {", 'createRunner(() => {\n    console.log("> esm runner", "B");'));
      assert.equal(await app.next(/^> esm runner/, { timeoutMs: 15000 }), "> esm runner B");
      app.write("typescript.ts", JITI["typescript.ts"].replace("createRunner(() => {", 'createRunner(() => {\n    const version: string = "B";\n    console.log("> ts runner", version);'));
      assert.equal(await app.next(/^> ts runner/, { timeoutMs: 15000 }), "> ts runner B");
      await assertHotUpdates(way, app, 2);
      assert.ok(!app.lines.some((line) => /restart|\[HMR\]/i.test(line.text)), app.output());
    } finally {
      await app.stop();
    }
  });
}

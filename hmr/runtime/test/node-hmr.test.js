// hotswap/node-hmr: @upvotr/node-hmr's README examples, unchanged but for the import path, run
// under plain `node` (node-hmr's own fs.watch) and under the hotswap runtime (whose watching
// takes over, so that an edit is one hot update and no restart). Real node, real files.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import test from "node:test";
import { App, createAppDirectory, startApp } from "./harness.js";

const UNTYPED = JSON.stringify({ name: "node-hmr-example" });

// The README's minimal example: index.js imports a.js, which imports b.js and passes b's
// updates on with emitUpdate.
const MINIMAL = {
  "package.json": UNTYPED,
  "index.js": `const { createRuntime } = require("hotswap/node-hmr");

const runtime = createRuntime(require);

async function main() {
  const a = await runtime.import("./a.js");
  a.exports.foo();

  runtime.on("update", (moduleId) => {
    if (moduleId === "./a.js") a.exports.foo();
  });
}

main();
`,
  "a.js": `const {
  hmr,
  createPersist,
  createRunner,
  createRuntime,
} = require("hotswap/node-hmr");

module.exports = hmr(
  createPersist(
    () => ({
      runtime: createRuntime(require),
    }),
    ({ runtime }) => runtime.closeAll()
  ),
  createRunner(
    async ({ runtime }, emitUpdate) => {
      // Import the module with a mutating \`exports\` property
      const b = await runtime.import("./b.js");

      runtime.on("update", (id) => {
        if (id === "./b.js") {
          // The value of \`b\` mutates, so we don't need to worry about actually changing the exports.
          emitUpdate();
        }
      });

      return {
        foo: () => {
          b.exports.bar();
        },
      };
    },
    // Stop watching the file on cleanup, in case we are not importing it on the next run.
    ({ runtime }) => runtime.unimport("./b.js"),
    // Mark it as an AsyncRunner
    true
  )
);
`,
  "b.js": `const { hmr, createRunner } = require("hotswap/node-hmr");

module.exports = hmr(
  createRunner(() => ({ bar: () => console.log("bar") }))
);
`,
};

// Persistent values, a runner that throws, updatePersistientValues, and module.children.
const PERSIST = {
  "package.json": UNTYPED,
  "index.js": `const { createRuntime, HMRRuntime } = require("hotswap/node-hmr");
HMRRuntime.setLogging(true);
const runtime = createRuntime(require);
runtime.import("./counter.js").then((counter) => {
  // node-hmr's reloads leave one counter.js Module in index.js's children, not one per version.
  const children = () => module.children.filter((child) => child.filename.endsWith("counter.js")).length;
  const show = () => console.log("> counter", counter.exports.describe(), "children", children());
  show();
  runtime.on("update", show);
});
`,
  "counter.js": `const { hmr, createPersist, createRunner } = require("hotswap/node-hmr");
let generated = 0;
module.exports = hmr(
  createPersist(() => ({ created: ++generated, store: { runs: 0 } })),
  createRunner(({ created, store }) => {
    store.runs += 1;
    return { describe: () => "A created " + created + " runs " + store.runs };
  }),
);
`,
};

function startPlainNode(files, entry) {
  const dir = createAppDirectory(files);
  const child = spawn(process.execPath, [entry], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  return new App(dir, child);
}

const WAYS = [
  ["plain node", (files) => startPlainNode(files, "index.js")],
  ["the hotswap runtime", (files) => startApp(files, { entry: "index.js" })],
];

for (const [way, start] of WAYS) {
  test(`node-hmr's minimal example runs under ${way}: an edit to b.js reaches index.js`, async () => {
    const app = start(MINIMAL);
    try {
      assert.equal(await app.next(/^bar/, { timeoutMs: 15000 }), "bar");
      // fs.watch needs a moment to be in place.
      await new Promise((resolve) => setTimeout(resolve, 300));
      app.write("b.js", MINIMAL["b.js"].replace('"bar"', '"bar, edited"'));
      assert.equal(await app.next(/^bar/, { timeoutMs: 15000 }), "bar, edited");
      app.write("b.js", MINIMAL["b.js"].replace('"bar"', '"bar, again"'));
      assert.equal(await app.next(/^bar/, { timeoutMs: 15000 }), "bar, again");
      assert.ok(!app.lines.some((line) => /restart/i.test(line.text)), app.output());
      // Under the runtime each edit was one hot update of b.js, which node-hmr reloaded.
      if (way === "the hotswap runtime") {
        const hotLines = () => app.lines.filter((line) => line.text.startsWith("[hot] Loaded 0 new modules, reevaluated 1 existing module")).length;
        // The `[hot]` line is written once the reload finished, on stderr: it may trail stdout.
        for (let waited = 0; hotLines() < 2 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(hotLines(), 2, app.output());
      }
    } finally {
      await app.stop();
    }
  });

  test(`node-hmr under ${way}: persistent values survive, a throwing runner falls back, updatePersistientValues regenerates`, async () => {
    const app = start(PERSIST);
    try {
      assert.equal(await app.next(/^> counter/, { timeoutMs: 15000 }), "> counter A created 1 runs 1 children 1");
      await new Promise((resolve) => setTimeout(resolve, 300));
      app.write("counter.js", PERSIST["counter.js"].replace('"A created "', '"B created "'));
      assert.equal(await app.next(/^> counter/, { timeoutMs: 15000 }), "> counter B created 1 runs 2 children 1");
      app.write("counter.js", PERSIST["counter.js"].replace("store.runs += 1;", 'store.runs += 1; throw new Error("broken runner");'));
      assert.match(await app.next(/broken runner/, { timeoutMs: 15000 }), /\[HMR\] \.\/counter\.js threw \(broken runner\); running its last working version instead\./);
      assert.equal(await app.next(/^> counter/, { timeoutMs: 15000 }), "> counter B created 1 runs 4 children 1");
      app.write("counter.js", PERSIST["counter.js"].replace('"A created "', '"C created "').replace(/\),\n\);\n$/, "),\n  true,\n);\n"));
      assert.equal(await app.next(/^> counter/, { timeoutMs: 15000 }), "> counter C created 1 runs 1 children 1");
    } finally {
      await app.stop();
    }
  });
}

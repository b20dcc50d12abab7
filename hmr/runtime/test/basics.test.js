// Loading and live bindings: the seed example, self-accept, accept callbacks, touch, JSON.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

test("an importer that accepts a dependency reads its new exports through live bindings", async () => {
  await withApp(
    {
      "main.js": `
        import { now } from "./now.js";
        import.meta.hot.accept("./now.js", (ns) => console.log("accepted", ns.now));
        console.log("now", now);
        process.stdin.resume();
        setInterval(() => {}, 1000);
        globalThis.show = () => console.log("live", now);
        process.on("SIGUSR2", () => globalThis.show());
      `,
      "now.js": "export const now = 1;\n",
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^now /), "now 1");
      app.write("now.js", "export const now = 2;\n");
      assert.equal(await app.next(/^accepted/), "accepted 2");
      assert.match(await app.next(/\[hot\]/), /^\[hot\] Loaded 0 new modules, reevaluated 1 existing module in \d+ms\.$/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^live/), "live 2");
    },
  );
});

test("a bare touch counts as a change, as dynohot's README example relies on", async () => {
  await withApp(
    {
      "main.js": `
        import { stamp } from "./now.js";
        import.meta.hot.accept("./now.js", () => console.log("stamp changed", stamp !== globalThis.first));
        globalThis.first = stamp;
        console.log("started");
        setInterval(() => {}, 1000);
      `,
      "now.js": "export const stamp = Math.random();\n",
    },
    {},
    async (app) => {
      await app.next("started");
      app.touch("now.js");
      assert.equal(await app.next(/^stamp changed/), "stamp changed true");
    },
  );
});

test("a self-accepting module is re-evaluated in place and its importer sees the new value", async () => {
  await withApp(
    {
      "main.js": `
        import { greet } from "./greet.js";
        setInterval(() => {}, 1000);
        process.on("SIGUSR2", () => console.log(greet("you")));
        console.log("started");
      `,
      "greet.js": `export function greet(name) { return "hello " + name; }\nimport.meta.hot.accept();\n`,
    },
    {},
    async (app) => {
      await app.next("started");
      app.write("greet.js", `export function greet(name) { return "bye " + name; }\nimport.meta.hot.accept();\n`);
      await app.next("[hot] Loaded 0 new modules, reevaluated 1 existing module");
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/you$/), "bye you");
    },
  );
});

test("an edited JSON module can be accepted", async () => {
  await withApp(
    {
      "main.js": `
        import config from "./config.json" with { type: "json" };
        import.meta.hot.accept("./config.json", () => console.log("port", config.port));
        console.log("port", config.port);
        setInterval(() => {}, 1000);
      `,
      "config.json": `{ "port": 1 }`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^port/), "port 1");
      app.write("config.json", `{ "port": 2 }`);
      assert.equal(await app.next(/^port/), "port 2");
    },
  );
});

test("two saves of the same size within one file-time tick are both seen", async () => {
  await withApp(
    {
      "main.js": `import { v } from "./v.js"; import.meta.hot.accept("./v.js", () => console.log("> v", v)); setInterval(() => {}, 1000); console.log("> ready");`,
      "v.js": `export const v = "a";`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("v.js", `export const v = "b";`);
      await app.next("> v b");
      app.write("v.js", `export const v = "c";`);
      await app.next("> v c");
    },
  );
});

test("an entry with a #! line and a file with a byte-order mark load", async () => {
  await withApp(
    {
      "main.ts": `#!/usr/bin/env node\nimport { mark } from "./bom.js";\nconst n: number = 1;\nconsole.log("> loaded", n, mark);\n`,
      "bom.js": `\uFEFFexport const mark = "bom";\n`,
    },
    { entry: "main.ts" },
    async (app) => {
      assert.equal(await app.next(/^> loaded/), "> loaded 1 bom");
    },
  );
});

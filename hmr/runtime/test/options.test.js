// Options and what participates: ?silent, ?ignore, node_modules, CommonJS and builtins load
// normally; hot-hook's boundary works unchanged.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

test("?silent mutes stderr while on('message') still receives every message", async () => {
  await withApp(
    {
      "main.js": `
        import "./dep.js";
        console.log("> first data", import.meta.hot.data);
        const off = import.meta.hot.on("message", (message) => {
          console.log("> message", message);
          off();
        });
        import.meta.hot.on("message", () => console.log("> persistent"));
        import.meta.hot.accept("./dep.js");
        setInterval(() => {}, 1000);
        console.log("> ready");
      `,
      "dep.js": "",
    },
    { query: "?silent" },
    async (app) => {
      assert.equal(await app.next(/^> first data/), "> first data undefined");
      await app.next("> ready");
      app.write("dep.js", "export const changed = true;");
      assert.match(await app.next(/^> message/), /^> message Loaded 0 new modules, reevaluated 1 existing module in \d+ms\.$/);
      // The listener unsubscribed itself: the next update reaches nobody.
      await app.next("> persistent");
      app.write("dep.js", "export const changed = 2;");
      await app.next("> persistent");
      assert.equal(app.lines.filter((line) => line.text.startsWith("> message")).length, 1);
      assert.ok(!app.output().includes("[hot]"), app.output());
    },
  );
});

test("ignored files, node_modules, CommonJS and builtins load normally and do not participate; an unaccepted CommonJS edit asks for a restart", async () => {
  await withApp(
    {
      "main.js": `
        import { generated } from "./generated/data.js";
        import { fromPackage } from "some-package";
        import legacy from "./legacy.cjs";
        import { fromCommonjsDir } from "./cjs-dir/index.js";
        import { join } from "node:path";
        import "./hot.js";
        console.log("> values", generated, fromPackage, legacy.legacy, fromCommonjsDir, typeof join);
        import.meta.hot.accept(["./generated/data.js", "./hot.js"], () => console.log("> accepted"));
        setInterval(() => {}, 1000);
      `,
      "generated/data.js": `export const generated = "generated:" + typeof import.meta.hot;`,
      "node_modules/some-package/package.json": JSON.stringify({ name: "some-package", type: "module", exports: "./index.js" }),
      "node_modules/some-package/index.js": `export const fromPackage = "package:" + typeof import.meta.hot;`,
      "legacy.cjs": `module.exports = { legacy: "cjs" };`,
      "cjs-dir/package.json": JSON.stringify({ type: "commonjs" }),
      "cjs-dir/index.js": `exports.fromCommonjsDir = "commonjs-dir";`,
      "hot.js": "",
    },
    { query: "?ignore=generated" },
    async (app) => {
      // Node loads them, but ES modules that mention import.meta.hot see one (external-hot.js):
      // frameworks test for it; its handlers never run since the file is never replaced.
      assert.equal(await app.next(/^> values/), "> values generated:object package:object cjs commonjs-dir function");
      app.write("generated/data.js", `export const generated = "changed";`);
      app.write("legacy.cjs", `module.exports = { legacy: "changed" };`);
      // An ignored file stays quiet; a CommonJS file that its ES importer does not accept asks
      // for a restart, and its edit is not lost.
      assert.equal(await app.next(/^\[hot\]/), "[hot] Update not accepted: legacy.cjs -> main.js (entry). A restart is needed.");
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.ok(!app.output().includes("[hot] generated"), app.output());
      app.write("hot.js", "export {};");
      await app.next("> accepted");
    },
  );
});

test("hot-hook's boundary: import(x, import.meta.hot?.boundary) is accepted by the importer", async () => {
  await withApp(
    {
      "main.js": `
        setInterval(() => {}, 1000);
        process.on("SIGUSR2", async () => {
          const { handle } = await import("./controller.js", import.meta.hot?.boundary);
          console.log("> handled", handle());
        });
        process.emit("SIGUSR2");
      `,
      "controller.js": `import { helper } from "./helper.js"; export const handle = () => "v1 " + helper;`,
      "helper.js": `export const helper = "h1";`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> handled/), "> handled v1 h1");
      app.write("helper.js", `export const helper = "h2";`);
      assert.match(await app.next("[hot]"), /reevaluated 2 existing modules/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> handled/), "> handled v1 h2");
      app.write("controller.js", `import { helper } from "./helper.js"; export const handle = () => "v2 " + helper;`);
      await app.next("[hot]");
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> handled/), "> handled v2 h2");
    },
  );
});

test("a participating file imported by an external package gets live exports from the runtime", async () => {
  await withApp(
    {
      "main.js": `
        import { load } from "loader-package";
        const target = await load(new URL("./target.js", import.meta.url).href);
        setInterval(() => {}, 1000);
        process.on("SIGUSR2", () => console.log("> answer", target.answer, target.default));
        console.log("> answer", target.answer, target.default);
      `,
      "target.js": `export const answer = 42; export default "first"; import.meta.hot.accept();`,
      "node_modules/loader-package/package.json": JSON.stringify({ name: "loader-package", type: "module", exports: "./index.js" }),
      "node_modules/loader-package/index.js": `export const load = (url) => import(url);`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> answer/), "> answer 42 first");
      app.write("target.js", `export const answer = 43; export default "second"; import.meta.hot.accept();`);
      await app.next("[hot]");
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> answer/), "> answer 43 second");
    },
  );
});

test("a participating --import preload is not mistaken for the entry", async () => {
  await withApp(
    {
      "preload.js": `console.log("> preload ran");`,
      "main.js": `console.log("> entry", import.meta.main);`,
    },
    { preloads: ["./preload.js"] },
    async (app) => {
      assert.equal(await app.next(/^> (preload|entry)/), "> preload ran");
      assert.equal(await app.next(/^> entry/), "> entry true");
    },
  );
});

test("an ignore option that is not a regular expression stops start-up with a clear error", async () => {
  await withApp({ "main.js": `console.log("> should not run");` }, { query: "?ignore=[" }, async (app) => {
    assert.equal((await app.exit).code, 1);
    assert.match(app.output(), /hotswap\/register: ignore is not a valid regular expression/);
    assert.ok(!app.output().includes("> should not run"));
  });
});

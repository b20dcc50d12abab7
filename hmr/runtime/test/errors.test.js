// Failed updates: syntax and link errors leave the old code running, evaluation errors roll
// back, throwing accept handlers pass the update on, throwing dispose handlers stop updates.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

const KEEP_ALIVE = "setInterval(() => {}, 1000);";
const SHOW_ON_SIGNAL = `process.on("SIGUSR2", () => console.log("> value", value()));`;

test("a syntax error keeps the old code running and names file:line:column; the fix then applies", async () => {
  await withApp(
    {
      "main.js": `import { value } from "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} ${SHOW_ON_SIGNAL} console.log("> ready");`,
      "dep.js": `export const value = () => "v1";\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const value = () => "v2";\nlet broken = 1 +;\n`);
      const line = await app.next("[hot]");
      assert.match(line, /^\[hot\] Syntax error at .*dep\.js:2:\d+: .*The old code keeps running\.$/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v1");
      app.write("dep.js", `export const value = () => "v3";\n`);
      assert.match(await app.next("[hot]"), /Loaded 0 new modules, reevaluated 1 existing module/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v3");
    },
  );
});

test("a new version that drops an export an unchanged importer uses is a link error", async () => {
  await withApp(
    {
      "main.js": `import { value } from "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} ${SHOW_ON_SIGNAL} console.log("> ready");`,
      "dep.js": `export const value = () => "v1";\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const renamed = () => "v2";\n`);
      assert.match(await app.next("[hot]"), /^\[hot\] Link error at .*main\.js:1:\d+: The requested module '\.\/dep\.js' does not provide an export named 'value'/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v1");
    },
  );
});

test("an evaluation error rolls back: the previous version is evaluated again with its dispose data; the fix applies", async () => {
  await withApp(
    {
      "main.js": `import { value } from "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} ${SHOW_ON_SIGNAL} console.log("> ready");`,
      "dep.js": `let calls = import.meta.hot.data?.calls ?? 0;\nexport const value = () => "v1 call " + ++calls;\nimport.meta.hot.on("message", (m) => console.log("> v1 heard", m.slice(0, 16)));\nimport.meta.hot.dispose((data) => { data.calls = calls; console.log("> v1 disposed", calls); });\nconsole.log("> v1 evaluated", calls);\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v1 call 1");
      app.write("dep.js", `export const value = () => "v2";\n\nthrow new Error("broken at load");\n`);
      assert.equal(await app.next(/^> v1/), "> v1 disposed 1");
      // v1 runs again and picks up what its dispose handler handed over; it listens again.
      assert.equal(await app.next(/^> v1/), "> v1 evaluated 1");
      assert.equal(await app.next(/^> v1 heard/), "> v1 heard Error evaluating");
      // stdout and stderr arrive through separate pipes: the [hot] line may come either side.
      const rolledBack = /\[hot\] Error evaluating .*dep\.js:3:7: broken at load\. Rolled back/;
      for (let waited = 0; !rolledBack.test(app.output()); waited += 10) {
        assert.ok(waited < 5000, app.output());
        await new Promise((r) => setTimeout(r, 10));
      }
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v1 call 2");
      app.write("dep.js", `export const value = () => "v3";\n`);
      assert.match(await app.next("[hot]"), /reevaluated 1 existing module/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value v3");
    },
  );
});

test("a throwing accept handler is reported and the update passes on to the importers", async () => {
  await withApp(
    {
      "main.js": `import "./mid.js"; import.meta.hot.accept("./mid.js", () => console.log("> main accepted")); ${KEEP_ALIVE} console.log("> ready");`,
      "mid.js": `import "./leaf.js"; import.meta.hot.accept("./leaf.js", () => { throw new Error("handler failed"); }); console.log("> mid evaluated");`,
      "leaf.js": `export const leaf = 1;`,
    },
    {},
    async (app) => {
      await app.next("> mid evaluated");
      await app.next("> ready");
      app.write("leaf.js", `export const leaf = 2;`);
      assert.match(await app.next("[hot]"), /^\[hot\] An accept handler threw at .*mid\.js:1:\d+: handler failed/);
      await app.next("> mid evaluated");
      await app.next("> main accepted");
    },
  );
});

test("a throwing dispose handler abandons the update and refuses further updates without a supervisor", async () => {
  await withApp(
    {
      "main.js": `import "./dep.js"; ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `import.meta.hot.accept();\nimport.meta.hot.dispose(() => {\n  throw new Error("cannot let go");\n});\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `import.meta.hot.accept(); console.log("> should not run");`);
      assert.match(await app.next("[hot]"), /^\[hot\] A dispose handler threw at .*dep\.js:3:9: cannot let go\. .*a restart is needed, further updates are refused/);
      app.touch("dep.js");
      assert.match(await app.next("[hot]"), /A dispose handler threw/);
      assert.ok(!app.output().includes("> should not run"));
    },
  );
});

test("a file caught between truncate and write is read again once the write lands", async () => {
  await withApp(
    {
      "main.js": `import { value } from "./dep.js"; import.meta.hot.accept("./dep.js", () => console.log("> value", value())); ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `export const value = () => "v1";\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", "");
      await new Promise((resolve) => setTimeout(resolve, 5));
      app.write("dep.js", `export const value = () => "v2";\n`);
      assert.equal(await app.next(/^> value/), "> value v2");
      assert.match(await app.next("[hot]"), /reevaluated 1 existing module/);
      assert.ok(!app.output().includes("Link error"), app.output());
    },
  );
});

test("fixing a broken new file, or creating a missing one, retries the pending update", async () => {
  await withApp(
    {
      "main.js": `import "./feature.js"; import.meta.hot.accept("./feature.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "feature.js": `console.log("> feature v1");`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("helper.js", `export const helper = ;`);
      app.write("feature.js", `import { helper } from "./helper.js"; console.log("> feature v2", helper);`);
      assert.match(await app.next("[hot]"), /Syntax error at .*helper\.js:1:/);
      app.write("helper.js", `export const helper = "fixed";`);
      assert.equal(await app.next(/^> feature v2/), "> feature v2 fixed");
      assert.match(await app.next("[hot]"), /Loaded 1 new module, reevaluated 1 existing module/);
      app.write("feature.js", `import { late } from "./sub/late.js"; console.log("> feature v3", late);`);
      assert.match(await app.next("[hot]"), /Link error at .*feature\.js:1:\d+: Cannot find module '[^']*\/sub\/late\.js' imported from [^ ]*feature\.js/);
      app.write("sub/late.js", `export const late = "created";`);
      assert.equal(await app.next(/^> feature v3/), "> feature v3 created");
    },
  );
});

test("an early error only V8 finds is reported at its original line and column", async () => {
  await withApp(
    {
      "main.js": `import "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `export const ok = 1;\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const ok = 2;\n\nconst pattern = /(?<a>x)(?<a>y)/;\n`);
      assert.match(await app.next("[hot]"), /^\[hot\] Syntax error at .*dep\.js:3:17: Invalid regular expression/);
      // Inside a function the compiled line is indented with a tab, which Node's caret keeps.
      app.write("dep.js", `export const ok = 3;\n\nexport function check(text) {\n  return /(?<a>x)(?<a>y)/.test(text);\n}\n`);
      assert.match(await app.next("[hot]"), /^\[hot\] Syntax error at .*dep\.js:4:10: Invalid regular expression/);
    },
  );
});

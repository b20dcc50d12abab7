// Never deaf, never stuck: the README's server answers every request during updates, slow
// updates and rollbacks; handlers that never settle are reported where they were registered;
// deep nesting is refused with a location; dynohot's handler order, invalidate() and cycle rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { httpGet, listeningPort, withApp } from "./harness.js";

const KEEP_ALIVE = "setInterval(() => {}, 1000);";

// The README's pattern: one stable listener delegates to the current version's handler.
const server = (extra = "") => `
import { createServer } from "node:http";
import { respond } from "./respond.js";
${extra}
const hot = import.meta.hot;
const state = hot?.data?.state ?? { handler: null, server: null };
state.handler = (req, res) => res.end(respond());
if (!state.server) {
  state.server = createServer((req, res) => state.handler(req, res));
  state.server.listen(0, "127.0.0.1", () => console.log("> listening", state.server.address().port));
}
hot?.dispose((data) => { data.state = state; });
hot?.accept();
`;

/** Sends requests back to back from `clients` loops until stop(); counts answers and failures. */
function load(port, clients = 4) {
  let stopped = false;
  const counts = { answered: 0, failed: [] };
  const loops = Array.from({ length: clients }, async () => {
    while (!stopped) {
      try {
        const body = await withTimeout(httpGet(port), 10_000);
        if (!/^version \d+$/.test(body)) throw new Error(`unexpected body ${JSON.stringify(body)}`);
        counts.answered += 1;
      } catch (error) {
        counts.failed.push(error.message);
      }
    }
  });
  return {
    counts,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return counts;
    },
  };
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms);
    }),
  ]);
}

async function answers(port, expected, app) {
  const started = performance.now();
  while ((await httpGet(port)) !== expected) {
    assert.ok(performance.now() - started < 10_000, `${expected} never answered\n${app.output()}`);
  }
}

test("the README's server answers every request under load during updates, a slow update and rollbacks", async () => {
  await withApp(
    { "server.js": server(), "respond.js": `export const respond = () => "version 0";` },
    { entry: "server.js" },
    async (app) => {
      const port = await listeningPort(app);
      const traffic = load(port);
      try {
        for (let version = 1; version <= 10; version += 1) {
          app.write("respond.js", `export const respond = () => "version ${version}";`);
          await answers(port, `version ${version}`, app);
        }
        // A rollback: a dependency of the server throws at top level. The server module was
        // disposed; it is evaluated again with its data and keeps answering.
        app.write("respond.js", `export const respond = () => "version 11";\nthrow new Error("broken respond");\n`);
        assert.match(await app.next(/Error evaluating/), /Error evaluating .*respond\.js:2:7: broken respond\. Rolled back/);
        await answers(port, "version 10", app);
        app.write("respond.js", `export const respond = () => "version 10";`);
        await app.next(/reevaluated 2 existing modules/);
        // The server module itself throws after taking over the state.
        app.write("server.js", `${server()}\nthrow new Error("broken server");\n`);
        assert.match(await app.next(/Error evaluating/), /Error evaluating .*server\.js:\d+:7: broken server\. Rolled back/);
        await answers(port, "version 10", app);
        app.write("server.js", server());
        await answers(port, "version 10", app);
        // A slow update: the new server version awaits 3 s at top level; the previous handler
        // answers meanwhile.
        const before = traffic.counts.answered;
        app.write("server.js", server(`await new Promise((r) => setTimeout(r, 3000));`));
        const slowStarted = performance.now();
        await new Promise((r) => setTimeout(r, 1500));
        assert.ok(traffic.counts.answered > before, "no request answered during the slow update");
        await app.next(/reevaluated 1 existing module in \d{4,}ms/, { timeoutMs: 10_000 });
        assert.ok(performance.now() - slowStarted >= 2500);
        app.write("respond.js", `export const respond = () => "version 12";`);
        await answers(port, "version 12", app);
      } finally {
        const counts = await traffic.stop();
        assert.deepEqual(counts.failed, []);
        assert.ok(counts.answered > 50, `only ${counts.answered} answered`);
      }
    },
  );
});

test("a rolled-back version gets its dispose data again; new versions that evaluated are disposed first", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; import.meta.hot.accept("./a.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "a.js": `import "./b.js"; export const a = 1; import.meta.hot.accept("./b.js");`,
      "b.js": `
        const count = (import.meta.hot.data?.count ?? 0) + 1;
        console.log("> b v1 evaluated", count);
        import.meta.hot.dispose((data) => { data.count = count; console.log("> b v1 disposed", count); });`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("a.js", `import "./b.js"; export const a = 2; import.meta.hot.accept("./b.js"); throw new Error("a broken");`);
      app.write("b.js", `
        const count = (import.meta.hot.data?.count ?? 0) + 10;
        console.log("> b v2 evaluated", count);
        import.meta.hot.dispose((data) => { data.count = count; console.log("> b v2 disposed", count); });`);
      // b v2 evaluates (after v1 disposed), a throws: b v2 is disposed, then v1 runs again with
      // the data both handed over.
      assert.equal(await app.next(/^> b/), "> b v1 disposed 1");
      assert.equal(await app.next(/^> b/), "> b v2 evaluated 11");
      assert.equal(await app.next(/^> b/), "> b v2 disposed 11");
      assert.equal(await app.next(/^> b/), "> b v1 evaluated 12");
      await app.next(/Rolled back/, { stream: "stderr" }).catch(() => assert.match(app.output(), /Rolled back/));
    },
  );
});

test("dispose handlers run newest first", async () => {
  await withApp(
    {
      "main.js": `import "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `for (const n of [1, 2, 3]) import.meta.hot.dispose(() => console.log("> disposed", n));`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export {};`);
      assert.equal(await app.next(/^> disposed/), "> disposed 3");
      assert.equal(await app.next(/^> disposed/), "> disposed 2");
      assert.equal(await app.next(/^> disposed/), "> disposed 1");
    },
  );
});

test("invalidate() during an update cancels the self-accept: the update goes on to the importers", async () => {
  await withApp(
    {
      "main.js": `import { v } from "./dep.js"; import.meta.hot.accept("./dep.js", () => console.log("> main accepted", v)); ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `export const v = 1; import.meta.hot.accept();`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const v = 2; import.meta.hot.accept(); import.meta.hot.invalidate();`);
      assert.equal(await app.next(/^> main accepted/), "> main accepted 2");
    },
  );
});

test("two cycle members that await at top level both start evaluating in an update", async () => {
  const asyncModule = (calls) => `
    let resolve;
    let calls = 0;
    const promise = new Promise((fulfill) => (resolve = fulfill));
    export function wait() {
      if (++calls === ${calls}) resolve();
      return promise;
    }`;
  await withApp(
    {
      "main.js": `import "./left.js"; import "./right.js"; import.meta.hot.accept(); ${KEEP_ALIVE} console.log("> ready");`,
      "left.js": `import { wait } from "./async.js"; import "./right.js"; await wait(); console.log("> left done");`,
      "right.js": `import { wait } from "./async.js"; import "./left.js"; await wait(); console.log("> right done");`,
      // At start-up (spec order, as plain node) the first call resolves; the update needs both.
      "async.js": asyncModule(1),
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("async.js", asyncModule(2));
      assert.match(await app.next("[hot]"), /reevaluated 4 existing modules/);
      assert.ok(app.output().split("> left done").length === 3, app.output());
    },
  );
});

test("a dispose handler that never settles is reported with its file and line; updates are refused until a restart", async () => {
  await withApp(
    {
      "main.js": `import "./dep.js"; import.meta.hot.accept("./dep.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `export const v = 1;\nimport.meta.hot.dispose(() => new Promise(() => {}));\n`,
    },
    { query: "?handlerTimeout=300" },
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const v = 2;\n`);
      const line = await app.next("[hot]");
      assert.match(line, /A dispose handler has not settled after 300ms \(registered at dep\.js:2:17\)/);
      app.write("dep.js", `export const v = 3;\n`);
      assert.match(await app.next("[hot]"), /has not settled/);
    },
  );
});

test("an accept handler that never settles is reported with its file and line", async () => {
  await withApp(
    {
      "main.js": `import "./dep.js";\nimport.meta.hot.accept("./dep.js", () => new Promise(() => {}));\n${KEEP_ALIVE} console.log("> ready");`,
      "dep.js": `export const v = 1;`,
    },
    { query: "?handlerTimeout=300" },
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `export const v = 2;`);
      assert.match(await app.next("[hot]"), /An accept handler has not settled after 300ms \(registered at main\.js:2:17\)/);
    },
  );
});

test("20,000 nested parentheses in an update give a located syntax error and the app keeps running", async () => {
  await withApp(
    {
      "main.js": `import { value } from "./deep.js"; import.meta.hot.accept("./deep.js"); ${KEEP_ALIVE} process.on("SIGUSR2", () => console.log("> value", value)); console.log("> ready");`,
      "deep.js": `export const value = 1;`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("deep.js", `export const value =\n  ${"(".repeat(20_000)}2${")".repeat(20_000)};\n`);
      assert.match(await app.next("[hot]"), /Syntax error at deep\.js:2:1003: nesting deeper than 1000 levels/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value 1");
      app.write("deep.js", `export const value = ${"(".repeat(50)}3${")".repeat(50)};\n`);
      assert.match(await app.next("[hot]"), /reevaluated/);
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> value/), "> value 3");
    },
  );
});

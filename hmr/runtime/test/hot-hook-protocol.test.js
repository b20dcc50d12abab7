// hot-hook's parent protocol over Node's IPC channel, with this test as the parent: the app is
// forked with `--import=hot-hook/register` (Hotswap installed under hot-hook's name) and the
// test reads `hot-hook:full-reload` / `hot-hook:invalidated` and sends `hot-hook:file-changed`.
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { App, createAppDirectory, httpGet, listeningPort, REPO_ROOT } from "./harness.js";

const TIMEOUT_MS = 15000;

/** An App whose child is forked with an IPC channel; `messages` collects what it sends. */
function forkApp(files, { env = {}, entry = "server.js", nodeArgs = [], register = true } = {}) {
  const dir = createAppDirectory(files);
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "hot-hook"), "dir");
  const child = fork(entry, {
    cwd: dir,
    execArgv: [...nodeArgs, ...(register ? ["--import=hot-hook/register"] : [])],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const app = new App(dir, child);
  app.messages = [];
  app.messageWaiters = new Set();
  child.on("message", (message) => {
    app.messages.push(message);
    for (const waiter of app.messageWaiters) waiter();
  });
  /** Waits for the next message of `type` after those already taken. */
  app.taken = 0;
  app.nextMessage = (type) =>
    new Promise((resolve, reject) => {
      const check = () => {
        for (let index = app.taken; index < app.messages.length; index += 1) {
          if (app.messages[index]?.type === type) {
            app.taken = index + 1;
            done();
            resolve(app.messages[index]);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${type} message; got ${JSON.stringify(app.messages)}\n${app.output()}`));
      }, TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        app.messageWaiters.delete(check);
      };
      app.messageWaiters.add(check);
      check();
    });
  return app;
}

async function withForkedApp(files, options, body) {
  const app = forkApp(files, options);
  try {
    await body(app);
  } finally {
    await app.stop();
  }
}

const server = `
import { createServer } from "node:http";
import { config } from "./config.js";
import * as pkg from "fake-framework";
const server = createServer(async (req, res) => {
  if (req.url === "/framework") return res.end(JSON.stringify(pkg));
  const { handle } = await import("./controllers/users.js");
  res.end(config.name + " " + handle());
});
server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
`;

const fakeFramework = {
  "node_modules/fake-framework/package.json": JSON.stringify({ name: "fake-framework", type: "module", exports: "./index.js" }),
  // AdonisJS's container tests for the property this way; the package is Node's to load.
  "node_modules/fake-framework/index.js": `export const hot = "hot" in import.meta;\nexport const boundary = JSON.stringify(import.meta.hot?.boundary ?? null);\nexport const line = new Error().stack.split("\\n")[1].match(/:(\\d+):\\d+\\)?$/)[1];\n`,
  "node_modules/fake-framework/plain.js": `export const hot = "hot" in import.meta;\n`,
};

const files = {
  "package.json": JSON.stringify({ type: "module", hotHook: { boundaries: ["./controllers/*.js"] } }),
  "server.js": server,
  "config.js": `export const config = { name: "one" };`,
  "controllers/users.js": `import { helper } from "../services/helper.js";\nexport const handle = () => "users v1 " + helper();`,
  "controllers/static.js": `export const value = 1;`,
  "services/helper.js": `export const helper = () => "h1";`,
  ".env": "A=1\n",
  ...fakeFramework,
};

test("watching itself: a hot edit sends hot-hook:invalidated, a restart file and a non-hot edit send hot-hook:full-reload and the app keeps serving", { timeout: 60000 }, async () => {
  await withForkedApp(files, {}, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "one users v1 h1");

    app.write("services/helper.js", `export const helper = () => "h2";`);
    const invalidated = await app.nextMessage("hot-hook:invalidated");
    assert.equal(invalidated.paths[0], app.path("services/helper.js"));
    assert.ok(invalidated.paths.includes(app.path("controllers/users.js")), JSON.stringify(invalidated));
    assert.equal(await httpGet(port), "one users v1 h2");

    app.write(".env", "A=2\n");
    assert.deepEqual(await app.nextMessage("hot-hook:full-reload"), { type: "hot-hook:full-reload", path: app.path(".env"), shouldBeReloadable: false });

    app.write("config.js", `export const config = { name: "two" };`);
    assert.deepEqual(await app.nextMessage("hot-hook:full-reload"), { type: "hot-hook:full-reload", path: app.path("config.js"), shouldBeReloadable: false });
    // The parent restarts; until it does, the old code answers.
    assert.equal(await httpGet(port), "one users v1 h2");
  });
});

test("HOT_HOOK_WATCH=false: nothing happens on disk alone; hot-hook:file-changed from the parent drives the update", { timeout: 60000 }, async () => {
  await withForkedApp(files, { env: { HOT_HOOK_WATCH: "false" } }, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "one users v1 h1");
    app.write("controllers/users.js", `import { helper } from "../services/helper.js";\nexport const handle = () => "users v2 " + helper();`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await httpGet(port), "one users v1 h1", "the runtime must not watch by itself");
    assert.deepEqual(app.messages, []);

    app.child.send({ type: "hot-hook:file-changed", path: app.path("controllers/users.js"), action: "change" });
    const invalidated = await app.nextMessage("hot-hook:invalidated");
    assert.deepEqual(invalidated.paths, [app.path("controllers/users.js")]);
    assert.equal(await httpGet(port), "one users v2 h1");

    // A path relative to the app's working directory works too (hot-hook resolves it so).
    app.write(".env", "A=3\n");
    app.child.send({ type: "hot-hook:file-changed", path: ".env", action: "change" });
    assert.equal((await app.nextMessage("hot-hook:full-reload")).path, app.path(".env"));
  });
});

test("hotHook.watch false in package.json and restart globs; a boundary imported statically asks for a reload that should have been hot", { timeout: 60000 }, async () => {
  const configured = {
    ...files,
    "package.json": JSON.stringify({ type: "module", hotHook: { boundaries: ["./controllers/*.js"], watch: false, restart: ["config/*.json"] } }),
    "server.js": `import { value } from "./controllers/static.js";\n${server}`,
    "config/settings.json": "{}",
  };
  await withForkedApp(configured, {}, async (app) => {
    await listeningPort(app);
    app.child.send({ type: "hot-hook:file-changed", path: app.path("config/settings.json"), action: "change" });
    assert.equal((await app.nextMessage("hot-hook:full-reload")).path, app.path("config/settings.json"));
    // .env is no restart file once `restart` is given.
    app.child.send({ type: "hot-hook:file-changed", path: app.path(".env"), action: "change" });
    app.write("controllers/static.js", `export const value = 2;`);
    app.child.send({ type: "hot-hook:file-changed", path: app.path("controllers/static.js"), action: "change" });
    assert.deepEqual(await app.nextMessage("hot-hook:full-reload"), { type: "hot-hook:full-reload", path: app.path("controllers/static.js"), shouldBeReloadable: true });
    assert.equal(app.messages.length, 2, JSON.stringify(app.messages));
  });
});

test("a syntax error sends nothing and the old code keeps serving (hot-hook would answer 500)", { timeout: 60000 }, async () => {
  await withForkedApp(files, { env: { HOT_HOOK_WATCH: "false" } }, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "one users v1 h1");
    app.write("services/helper.js", `export const helper = () => "h2`);
    app.child.send({ type: "hot-hook:file-changed", path: app.path("services/helper.js"), action: "change" });
    await app.next("Syntax error", { timeoutMs: TIMEOUT_MS });
    assert.equal(await httpGet(port), "one users v1 h1");
    assert.deepEqual(app.messages, []);
    app.write("services/helper.js", `export const helper = () => "h3";`);
    app.child.send({ type: "hot-hook:file-changed", path: app.path("services/helper.js"), action: "change" });
    assert.equal((await app.nextMessage("hot-hook:invalidated")).paths[0], app.path("services/helper.js"));
    assert.equal(await httpGet(port), "one users v1 h3");
  });
});

test("with HOT_HOOK_WATCH=false the IPC channel does not keep a finished app alive", { timeout: 60000 }, async () => {
  await withForkedApp({ "main.js": `console.log("> done");` }, { entry: "main.js", env: { HOT_HOOK_WATCH: "false" } }, async (app) => {
    await app.next("> done");
    const exited = await Promise.race([app.exit, new Promise((resolve) => setTimeout(() => resolve(null), TIMEOUT_MS))]);
    assert.deepEqual(exited, { code: 0, signal: null });
  });
});

test("import.meta.hot in ES modules under node_modules that mention it, and only there, lines unchanged", { timeout: 60000 }, async () => {
  const withPlain = { ...files, "server.js": server.replace(`import * as pkg from "fake-framework";`, `import * as main from "fake-framework";\nimport * as plain from "fake-framework/plain.js";\nconst pkg = { ...main, plain: plain.hot };`) };
  withPlain["node_modules/fake-framework/package.json"] = JSON.stringify({ name: "fake-framework", type: "module", exports: { ".": "./index.js", "./plain.js": "./plain.js" } });
  withPlain["node_modules/fake-framework/plain.js"] = `export const hot = Object.keys(import.meta).includes("hot");\n`;
  await withForkedApp(withPlain, {}, async (app) => {
    const port = await listeningPort(app);
    const seen = JSON.parse(await httpGet(port, "/framework"));
    assert.deepEqual(seen, { hot: true, boundary: JSON.stringify({ with: { hot: "boundary" } }), line: "3", plain: false });
  });
});

test("hot.dump() in hot-hook's shape, after an update", { timeout: 60000 }, async () => {
  const dumping = { ...files, "server.js": `import { hot } from "hot-hook";\n${server.replace('if (req.url === "/framework")', 'if (req.url === "/dump") return res.end(JSON.stringify(await hot.dump()));\n  if (req.url === "/framework")')}` };
  await withForkedApp(dumping, { env: { HOT_HOOK_WATCH: "false" } }, async (app) => {
    const port = await listeningPort(app);
    await httpGet(port);
    app.write("services/helper.js", `export const helper = () => "h2";`);
    app.child.send({ type: "hot-hook:file-changed", path: app.path("services/helper.js"), action: "change" });
    await app.nextMessage("hot-hook:invalidated");
    const dump = JSON.parse(await httpGet(port, "/dump"));
    const byPath = Object.fromEntries(dump.map((entry) => [entry.path, entry]));
    assert.deepEqual(byPath["services/helper.js"], { version: 1, boundary: false, path: "services/helper.js", dependents: ["controllers/users.js"], dependencies: [], reloadable: true });
    assert.deepEqual(byPath["controllers/users.js"], { version: 1, boundary: true, path: "controllers/users.js", dependents: ["server.js"], dependencies: ["services/helper.js"], reloadable: true });
    assert.equal(byPath["server.js"].reloadable, false);
    assert.equal(byPath["config.js"].reloadable, false);
    assert.deepEqual(byPath["node_modules/fake-framework/index.js"], { version: 0, boundary: false, path: "node_modules/fake-framework/index.js", dependents: ["server.js"], dependencies: [], reloadable: false });
  });
});

test("hot.init without --import: files imported after it are hot, boundaries and onFullReloadAsked from its options", { timeout: 60000 }, async () => {
  const initFiles = {
    "package.json": JSON.stringify({ type: "module" }),
    "server.js": `
import { createServer } from "node:http";
import { hot } from "hot-hook";
await hot.init({ root: import.meta.filename, boundaries: ["./app.js"], onFullReloadAsked: () => console.log("> full reload asked") });
const server = createServer(async (req, res) => {
  const app = await import("./app.js");
  res.end(app.default());
});
server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
`,
    "app.js": `import { config } from "./config.js";\nexport default () => "app v1 " + config;`,
    "config.js": `export const config = "c1";`,
  };
  await withForkedApp(initFiles, { register: false }, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "app v1 c1");
    app.write("config.js", `export const config = "c2";`);
    assert.deepEqual((await app.nextMessage("hot-hook:invalidated")).paths, [app.path("config.js"), app.path("app.js")]);
    assert.equal(await httpGet(port), "app v1 c2");
    app.write("app.js", `import { config } from "./config.js";\nexport default () => "app v2 " + config;`);
    await app.nextMessage("hot-hook:invalidated");
    assert.equal(await httpGet(port), "app v2 c2");
    app.write(".env", "B=1\n");
    assert.equal((await app.nextMessage("hot-hook:full-reload")).path, app.path(".env"));
    await app.next("> full reload asked");
  });
});

test("throwWhenBoundariesAreNotDynamicallyImported: a static import of a boundary fails the start, naming both files", { timeout: 60000 }, async () => {
  const strict = {
    ...files,
    "package.json": JSON.stringify({ type: "module", hotHook: { boundaries: ["./controllers/*.js"], throwWhenBoundariesAreNotDynamicallyImported: true } }),
    "server.js": `import { value } from "./controllers/static.js";\n${server}`,
  };
  await withForkedApp(strict, {}, async (app) => {
    await app.next('server.js imports "./controllers/static.js" statically, but it is a hot-hook boundary', { timeoutMs: TIMEOUT_MS });
    assert.notEqual((await app.exit).code, 0);
  });
});

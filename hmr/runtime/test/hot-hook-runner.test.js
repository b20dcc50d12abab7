// Real parents and the real hot-hook, from npm (corpus.js): @hot-hook/runner supervises a
// hot-hook-style app running on Hotswap, and hot.dump() on Hotswap is compared field by field
// with hot-hook 1.0.0's own dump of the same app after the same edit.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { linkCorpus } from "./corpus.js";
import { App, createAppDirectory, httpGet, listeningPort } from "./harness.js";

const TIMEOUT_MS = 20000;

// A hot-hook-style app as its README shows it: controllers imported lazily with
// import.meta.hot?.boundary or through hotHook.boundaries, a config imported statically.
const files = {
  "package.json": JSON.stringify({ type: "module", hotHook: { boundaries: ["./src/controllers/posts_controller.js"] } }),
  "src/server.js": `
import { createServer } from "node:http";
import { hot } from "hot-hook";
import { config } from "./config.js";
const server = createServer(async (req, res) => {
  if (req.url === "/dump") return res.end(JSON.stringify(await hot.dump()));
  const users = await import("./controllers/users_controller.js", import.meta.hot?.boundary);
  const posts = await import("./controllers/posts_controller.js");
  res.end([config.name, users.default(), posts.default()].join(" "));
});
server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
`,
  "src/config.js": `export const config = { name: "one" };`,
  "src/controllers/users_controller.js": `import { helper } from "../helpers.js";\nimport { User } from "../models/user.js";\nexport default () => "users:" + helper() + ":" + User.name;`,
  "src/controllers/posts_controller.js": `import { User } from "../models/user.js";\nexport default () => "posts:" + User.table;`,
  "src/helpers.js": `export const helper = () => "h1";`,
  "src/models/user.js": `export class User { static table = "users"; }`,
};

// In its own process group: the runner's child (the app) must die with it.
function spawnApp(dir, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const app = new App(dir, child);
  const stop = app.stop.bind(app);
  app.stop = async () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await stop();
  };
  return app;
}

test("@hot-hook/runner: hot edits are applied in place, a non-hot edit restarts the app", { timeout: 120000 }, async () => {
  const dir = createAppDirectory(files);
  linkCorpus(dir);
  const runner = join(dir, "node_modules", "@hot-hook", "runner", "build", "bin", "run.js");
  const app = spawnApp(dir, [runner, "--no-clear-screen", "--node-args=--import=hot-hook/register", "src/server.js"]);
  try {
    let port = await listeningPort(app);
    assert.equal(await httpGet(port), "one users:h1:User posts:users");

    app.write("src/helpers.js", `export const helper = () => "h2";`);
    await app.next(/\[hot-runner\] Invalidating .*src\/helpers\.js/, { timeoutMs: TIMEOUT_MS });
    assert.equal(await httpGet(port), "one users:h2:User posts:users");

    app.write("src/models/user.js", `export class User { static table = "people"; }`);
    await app.next(/\[hot-runner\] Invalidating .*src\/models\/user\.js/, { timeoutMs: TIMEOUT_MS });
    assert.equal(await httpGet(port), "one users:h2:User posts:people");

    app.write("src/config.js", `export const config = { name: "two" };`);
    await app.next(/src\/config\.js.* changed\. Restarting\./, { timeoutMs: TIMEOUT_MS });
    port = await listeningPort(app);
    assert.equal(await httpGet(port), "two users:h2:User posts:people");

    app.write(".env", "A=1\n");
    await app.next(/\.env.* changed\. Restarting\./, { timeoutMs: TIMEOUT_MS });
    port = await listeningPort(app);
    assert.equal(await httpGet(port), "two users:h2:User posts:people");
  } finally {
    await app.stop();
  }
});

/** The app's dump after loading both controllers and editing helpers.js, under `hotHook`. */
async function dumpAfterEdit(hotHook) {
  const dir = createAppDirectory(files);
  linkCorpus(dir, hotHook);
  const app = spawnApp(dir, ["--import=hot-hook/register", "src/server.js"]);
  try {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "one users:h1:User posts:users");
    app.write("src/helpers.js", `export const helper = () => "h2";`);
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await httpGet(port)) !== "one users:h2:User posts:users") {
      assert.ok(Date.now() < deadline, `${hotHook}: the edit never showed\n${app.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return JSON.parse(await httpGet(port, "/dump"));
  } finally {
    await app.stop();
  }
}

// The app's own files, each entry with its lists in a stable order.
function appEntries(dump) {
  const entries = dump.filter((entry) => !entry.path.includes("node_modules") && !entry.path.startsWith(".."));
  return Object.fromEntries(
    entries.map((entry) => [entry.path, { ...entry, dependencies: [...entry.dependencies].filter((path) => !path.includes("node_modules") && !path.startsWith("..")).sort(), dependents: [...entry.dependents].sort() }]),
  );
}

test("hot.dump() agrees with hot-hook 1.0.0's dump of the same app, field by field", { timeout: 120000 }, async () => {
  const original = appEntries(await dumpAfterEdit("original"));
  const ours = appEntries(await dumpAfterEdit("hotswap"));
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(original).sort());
  for (const path of Object.keys(original)) {
    for (const field of ["path", "boundary", "reloadable", "version", "dependencies", "dependents"]) {
      assert.deepEqual(ours[path][field], original[path][field], `${path}: ${field}`);
    }
  }
  // The case hot-hook's README explains: a model imported by two boundaries is reloadable.
  assert.equal(original["models/user.js"].reloadable, true);
});

// AdonisJS's own dev server (@adonisjs/assembler 8, `node ace serve --hmr`) on the fixture app in
// testdata/hot-hook/adonis, with hot-hook linked to Hotswap: the dev server forks the app with
// `--import=hot-hook/register` and HOT_HOOK_WATCH=false and sends it every file event over IPC.
// Controller, middleware and service edits show on the next request in the same process; a
// routes edit and a .env edit restart it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { linkCorpus } from "./corpus.js";
import { App, httpGet, REPO_ROOT } from "./harness.js";

const TIMEOUT_MS = 60000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** GETs `path` until `accept(body)` holds (the dev server may be restarting); returns the body. */
async function until(port, path, accept, app) {
  const deadline = Date.now() + TIMEOUT_MS;
  let last;
  for (;;) {
    try {
      last = await httpGet(port, path);
      if (accept(last)) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`GET ${path}: last answer ${JSON.stringify(last)}\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

test("AdonisJS's dev server in HMR mode runs the app on Hotswap", { timeout: 240000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "hotswap-adonis-"));
  cpSync(join(REPO_ROOT, "testdata", "hot-hook", "adonis"), dir, { recursive: true });
  linkCorpus(dir);
  const port = await freePort();
  const env = (greeting) => `NODE_ENV=development\nPORT=${port}\nHOST=127.0.0.1\nAPP_KEY=fixture-app-key-fixture-app-key-32\nLOG_LEVEL=info\nGREETING=${greeting}\n`;
  writeFileSync(join(dir, ".env"), env("hello"));
  // Its own process group: the dev server's child (the app) must die with it.
  const child = spawn(process.execPath, ["ace.js", "serve", "--hmr", "--no-clear"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), FORCE_COLOR: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const app = new App(dir, child);
  const edit = (path, from, to) => {
    const source = readFileSync(app.path(path), "utf8");
    assert.ok(source.includes(from), `${path} has no ${from}`);
    app.write(path, source.replace(from, to));
  };
  try {
    const first = await until(port, "/users", (body) => body.startsWith("controller"), app);
    assert.equal(first, "controller v1 service v1 middleware v1");
    const pid = await httpGet(port, "/pid");
    // The dev server's watcher starts after the app is ready; an edit before it would be missed.
    await app.next("watching file system for changes", { timeoutMs: TIMEOUT_MS });

    edit("app/controllers/users_controller.ts", "controller v1", "controller v2");
    await until(port, "/users", (body) => body === "controller v2 service v1 middleware v1", app);
    edit("app/services/users_service.ts", "service v1", "service v2");
    await until(port, "/users", (body) => body === "controller v2 service v2 middleware v1", app);
    edit("app/middleware/stamp_middleware.ts", "middleware v1", "middleware v2");
    await until(port, "/users", (body) => body === "controller v2 service v2 middleware v2", app);
    assert.equal(await httpGet(port, "/pid"), pid, "hot edits must not restart the app");

    assert.equal(await httpGet(port, "/greeting"), "routes v1 hello");
    edit("start/routes.ts", "routes v1", "routes v2");
    await until(port, "/greeting", (body) => body === "routes v2 hello", app);
    const restarted = await httpGet(port, "/pid");
    assert.notEqual(restarted, pid, "a routes edit restarts the app");

    writeFileSync(app.path(".env"), env("bonjour"));
    await until(port, "/greeting", (body) => body === "routes v2 bonjour", app);
    assert.notEqual(await httpGet(port, "/pid"), restarted, "a .env edit restarts the app");
    // The edits made before the restarts are still there.
    assert.equal(await httpGet(port, "/users"), "controller v2 service v2 middleware v2");
  } finally {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    await app.stop();
  }
});

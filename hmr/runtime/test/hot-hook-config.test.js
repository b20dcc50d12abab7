// hot-hook's package.json configuration (SEMANTICS.md section 2): `hotHook.boundaries` makes a
// plain dynamic import() of a matching file a boundary, a static import of one stays an ordinary
// edge, and the globs are read again when package.json changes.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { globToRegExp } from "../boundary-globs.js";
import { globMatcher, toPath } from "../hot-hook/config.js";
import { createDriver } from "./driver.js";
import { createAppDirectory, httpGet, listeningPort, startApp, withApp } from "./harness.js";

const packageJson = (boundaries) => JSON.stringify({ type: "module", hotHook: { boundaries } }, null, 2);

// An AdonisJS-like app as hot-hook's README shows it: the router imports its controllers
// lazily, with no boundary argument.
const server = `
import { createServer } from "node:http";
import { title } from "./app/controllers/home_controller.js";

console.log("> entry evaluated");
const server = createServer(async (req, res) => {
  const name = req.url === "/stats" ? "./app/controllers/admin/stats_controller.js" : "./app/controllers/users_controller.js";
  const controller = await import(name);
  res.end(title + " " + controller.handle());
});
server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
`;

const files = {
  "package.json": packageJson(["./app/controllers/**/*.js"]),
  "server.js": server,
  "app/controllers/home_controller.js": `export const title = "home";`,
  "app/controllers/users_controller.js": `import { count } from "../services/users.js"; export const handle = () => "users v1 " + count();`,
  "app/controllers/admin/stats_controller.js": `export const handle = () => "stats v1";`,
  "app/services/users.js": `export const count = () => 1;`,
};

function entryEvaluations(app) {
  return app.lines.filter((line) => line.text === "> entry evaluated").length;
}

test("a controller that hotHook.boundaries names is hot: the next import() returns the new version", async () => {
  await withApp(files, { entry: "server.js" }, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "home users v1 1");
    assert.equal(await httpGet(port, "/stats"), "home stats v1");

    app.write("app/controllers/users_controller.js", `import { count } from "../services/users.js"; export const handle = () => "users v2 " + count();`);
    assert.match(await app.next("[hot]"), /Loaded 0 new modules, reevaluated 1 existing module/);
    assert.equal(await httpGet(port), "home users v2 1");

    // A dependency of a controller stops at the same boundary; `**` spans nested folders.
    app.write("app/services/users.js", `export const count = () => 2;`);
    assert.match(await app.next("[hot]"), /reevaluated 2 existing modules/);
    assert.equal(await httpGet(port), "home users v2 2");
    app.write("app/controllers/admin/stats_controller.js", `export const handle = () => "stats v2";`);
    assert.match(await app.next("[hot]"), /reevaluated 1 existing module/);
    assert.equal(await httpGet(port, "/stats"), "home stats v2");

    assert.equal(entryEvaluations(app), 1, app.output());
    assert.equal(app.exited, undefined, "the app kept running");
  });
});

test("a static import of a file that matches hotHook.boundaries is not a boundary", async () => {
  await withApp(files, { entry: "server.js" }, async (app) => {
    const port = await listeningPort(app);
    app.write("app/controllers/home_controller.js", `export const title = "welcome";`);
    assert.equal(
      await app.next("[hot]"),
      "[hot] Update not accepted: app/controllers/home_controller.js -> server.js (entry). A restart is needed.",
    );
    // Nothing was applied: the old code keeps answering.
    assert.equal(await httpGet(port), "home users v1 1");
    assert.equal(entryEvaluations(app), 1, app.output());
  });
});

test("package.json is read again when it changes; a broken one is reported and changes nothing", async () => {
  await withApp(files, { entry: "server.js" }, async (app) => {
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "home users v1 1");

    app.write("package.json", `{\n  "type": "module",\n  "hotHook": { "boundaries": [\n}\n`);
    assert.match(await app.next("[hot]"), /^\[hot\] package\.json:4:1: is not valid JSON \(.+\); hot-hook boundaries stay as they were\.$/);
    app.write("app/controllers/users_controller.js", `export const handle = () => "users v2";`);
    assert.match(await app.next("[hot]"), /reevaluated 1 existing module/);
    assert.equal(await httpGet(port), "home users v2");

    app.write("package.json", packageJson(["app/controllers/admin/*.js"]));
    assert.equal(await app.next("[hot]"), "[hot] hot-hook boundaries from package.json: app/controllers/admin/*.js.");
    app.write("app/controllers/users_controller.js", `export const handle = () => "users v3";`);
    assert.equal(
      await app.next("[hot]"),
      "[hot] Update not accepted: app/controllers/users_controller.js -> server.js (entry). A restart is needed.",
    );

    app.write("package.json", JSON.stringify({ type: "module", hotHook: { boundaries: "app/**" } }));
    assert.match(await app.next("[hot]"), /^\[hot\] package\.json:1:\d+: hotHook\.boundaries must be an array of non-empty glob strings; /);
    assert.equal(app.exited, undefined, "the app kept running");
  });
});

test("with a driver, an update that names package.json reads its boundaries again before the walk", async () => {
  const dir = createAppDirectory(files);
  const driver = await createDriver();
  const app = startApp({}, { dir, entry: "server.js", query: "?silent", env: { HOTSWAP_SOCKET: driver.socketPath } });
  try {
    await driver.connected;
    await driver.notification("ready");
    const port = await listeningPort(app);
    assert.equal(await httpGet(port), "home users v1 1");
    const users = app.path("app/controllers/users_controller.js");
    const edgeTo = async (path) => {
      const { result } = await driver.request("graph", {});
      const server = result.modules.find((module) => module.path === app.path("server.js"));
      return server.imports.find((edge) => edge.path === path);
    };
    assert.deepEqual(await edgeTo(users), { specifier: "./app/controllers/users_controller.js", path: users, dynamic: true, boundary: true });

    app.write("package.json", JSON.stringify({ type: "module" }));
    app.write("app/controllers/users_controller.js", `export const handle = () => "users v2";`);
    const { result } = await driver.request("update", { paths: [app.path("package.json"), users] });
    assert.equal(result.type, "unaccepted", JSON.stringify(result));
    assert.deepEqual(result.chain, [users, app.path("server.js")]);
    assert.equal((await edgeTo(users)).boundary, false);
  } finally {
    await app.stop();
    driver.close();
  }
});

test("globs follow SEMANTICS.md: * within a segment, ** across segments, ./ optional", () => {
  const matches = (pattern, path) => globToRegExp("/project", pattern).test(path);
  assert.ok(matches("./controllers/**/*.js", "/project/controllers/users.js"));
  assert.ok(matches("./controllers/**/*.js", "/project/controllers/admin/deep/users.js"));
  assert.ok(matches("controllers/**/*.js", "/project/controllers/users.js"));
  assert.ok(matches("controllers/*.js", "/project/controllers/.hidden.js"));
  assert.ok(matches("src/**", "/project/src/a/b.ts"));
  assert.ok(matches("**/*_controller.ts", "/project/app/users_controller.ts"));
  assert.ok(matches("../shared/*.js", "/shared/x.js"));
  assert.ok(!matches("controllers/*.js", "/project/controllers/admin/users.js"));
  assert.ok(!matches("./controllers/**/*.js", "/project/controllers/users.ts"));
  assert.ok(!matches("./controllers/**/*.js", "/project/xcontrollers/users.js"));
  assert.ok(!matches("./controllers/**/*.js", "/other/controllers/users.js"));
  assert.ok(!matches("**/*.js", "/elsewhere/x.js"));
  // Everything but * is literal: no braces, classes or ? as other glob libraries have.
  assert.ok(matches("a{b}[c]?.js", "/project/a{b}[c]?.js"));
  assert.ok(!matches("a?.js", "/project/ab.js"));
});

test("hot.init's globs match Windows paths: backslashes, drive letters, absolute globs", () => {
  const matcher = (folder, globs) => globMatcher(folder, globs, "boundaries", path.win32);
  const relative = matcher("C:\\app", ["./controllers/**/*.ts", "src\\*.ts"]);
  assert.ok(relative("C:\\app\\controllers\\admin\\users.ts"));
  assert.ok(relative("C:\\app\\src\\x.ts"));
  assert.ok(!relative("C:\\other\\controllers\\users.ts"));
  assert.ok(!relative("D:\\app\\src\\x.ts"));
  const absolute = matcher("C:\\app", ["C:\\shared\\**", "D:/lib/*.js"]);
  assert.ok(absolute("C:\\shared\\a\\b.ts"));
  assert.ok(absolute("D:\\lib\\x.js"));
  assert.ok(!absolute("C:\\app\\shared\\b.ts"));
  // On POSIX a backslash is part of a name, and an absolute glob starts at /.
  const posix = globMatcher("/app", ["src/*.ts", "/shared/**"], "boundaries", path.posix);
  assert.ok(posix("/app/src/x.ts") && posix("/shared/a/b.ts"));
  assert.ok(!posix("/app/src\\x.ts"));
});

test("a root given as a file: URL is its decoded path", () => {
  const file = path.join(path.resolve("/"), "app", "my dir #1 100% é", "server.ts");
  assert.equal(toPath(pathToFileURL(file).href), file);
  assert.equal(toPath(file), file);
});

// The disk cache of transform output (transform-cache.js): a second start-up takes each module's
// transformed body from node_modules/.cache/hotswap instead of transforming it again, a changed
// source is transformed anew, a file that does not parse is never stored, HOTSWAP_CACHE=0 turns
// the cache off. That the cache is really read is shown by editing the stored body by hand.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { REPO_ROOT, createAppDirectory, startApp } from "./harness.js";

const FILES = {
  "main.js": `import { message } from "./dep.js";\nconsole.log(message);\n`,
  "dep.js": `export const message = "from source";\n`,
};

async function run(dir, env = {}) {
  const app = startApp({}, { dir, env });
  const exit = await app.exit;
  return { code: exit.code, output: app.output(), stdout: app.lines.filter((l) => l.stream === "stdout").map((l) => l.text) };
}

function cacheFiles(dir) {
  const directory = join(dir, "node_modules", ".cache", "hotswap");
  return existsSync(directory) ? readdirSync(directory).map((name) => join(directory, name)) : [];
}

function withDirectory(files, body) {
  const dir = createAppDirectory(files);
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test("a second start-up reads transformed modules from the cache; a changed source is transformed again", () =>
  withDirectory(FILES, async (dir) => {
    const first = await run(dir);
    assert.deepEqual(first.stdout, ["from source"], first.output);
    const [file, ...others] = cacheFiles(dir);
    assert.equal(others.length, 0);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(Object.keys(stored.entries).length, 2);

    // The stored body of dep.js now says something its source does not.
    writeFileSync(file, readFileSync(file, "utf8").replace('\\"from source\\"', '\\"from cache\\"'));
    const second = await run(dir);
    assert.deepEqual(second.stdout, ["from cache"], second.output);

    writeFileSync(join(dir, "dep.js"), `export const message = "edited";\n`);
    const third = await run(dir);
    assert.deepEqual(third.stdout, ["edited"], third.output);
    assert.equal(Object.keys(JSON.parse(readFileSync(file, "utf8")).entries).length, 3);
  }));

test("a module that does not parse is reported on every start-up and never stored", () =>
  withDirectory({ ...FILES, "dep.js": `export const message = ;\n` }, async (dir) => {
    for (let round = 0; round < 2; round += 1) {
      const result = await run(dir);
      assert.equal(result.code, 1);
      assert.match(result.output, /\[hot\] dep\.js:1:24: SyntaxError/);
    }
    for (const file of cacheFiles(dir)) {
      const entries = Object.values(JSON.parse(readFileSync(file, "utf8")).entries);
      assert.ok(entries.every(([, value]) => !value.code.includes("message = ;")));
    }
  }));

test("HOTSWAP_CACHE=0 neither reads nor writes the cache", () =>
  withDirectory(FILES, async (dir) => {
    const result = await run(dir, { HOTSWAP_CACHE: "0" });
    assert.deepEqual(result.stdout, ["from source"], result.output);
    assert.deepEqual(cacheFiles(dir), []);
  }));

test("a damaged cache file costs only the cache: start-up transforms again and writes it anew", () =>
  withDirectory(FILES, async (dir) => {
    await run(dir);
    const [file] = cacheFiles(dir);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    const [key] = Object.keys(stored.entries);
    stored.entries[key] = [0, { code: 42 }];
    stored.entries.other = "not an entry";
    writeFileSync(file, JSON.stringify(stored));
    const damaged = await run(dir);
    assert.deepEqual(damaged.stdout, ["from source"], damaged.output);
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 100));
    const truncated = await run(dir);
    assert.deepEqual(truncated.stdout, ["from source"], truncated.output);
    assert.equal(Object.keys(JSON.parse(readFileSync(file, "utf8")).entries).length, 2);
  }));

test("an app started from a subdirectory uses the project's node_modules; without node_modules or XDG_CACHE_HOME there is no cache", () =>
  withDirectory({ ...FILES, "src/main.js": `console.log("from src");\n` }, async (dir) => {
    const app = startApp({}, { dir, cwd: join(dir, "src"), entry: "main.js" });
    assert.equal((await app.exit).code, 0, app.output());
    assert.equal(cacheFiles(dir).length, 1);
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    const { XDG_CACHE_HOME: _, ...env } = process.env;
    const bare = spawnSync(process.execPath, ["--import", pathToFileURL(join(REPO_ROOT, "hmr/runtime/register.js")).href, "main.js"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    assert.equal(bare.stdout, "from source\n", bare.stderr);
    assert.equal(existsSync(join(dir, "node_modules")), false);
    const xdg = join(dir, "xdg");
    const cached = spawnSync(process.execPath, ["--import", pathToFileURL(join(REPO_ROOT, "hmr/runtime/register.js")).href, "main.js"], {
      cwd: dir,
      env: { ...env, XDG_CACHE_HOME: xdg },
      encoding: "utf8",
    });
    assert.equal(cached.stdout, "from source\n", cached.stderr);
    assert.equal(readdirSync(join(xdg, "hotswap")).length, 1);
  }));

// The disk cache of transform output (transform-cache.js): a second start-up takes each module's
// transformed body from node_modules/.cache/hotswap instead of transforming it again, a changed
// source is transformed anew, a file that does not parse is never stored, HOTSWAP_CACHE=0 turns
// the cache off. That the cache is really read is shown by editing the stored body by hand. Beside
// it, V8's code caches of the bodies (code-cache.js): used when their checksums hold, else the
// body is compiled from its text.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { crc32 } from "node:zlib";
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

function cacheFiles(dir, extension = ".json") {
  const directory = join(dir, "node_modules", ".cache", "hotswap");
  return existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith(extension)).map((name) => join(directory, name)) : [];
}

// The code cache file: a 4-byte header length, the header (JSON), the caches.
function readCodeCache(file) {
  const bytes = readFileSync(file);
  const headerEnd = 4 + bytes.readUInt32LE(0);
  return { header: JSON.parse(bytes.toString("utf8", 4, headerEnd)), data: bytes.subarray(headerEnd) };
}

function writeCodeCache(file, { header, data }) {
  const text = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(text.length);
  writeFileSync(file, Buffer.concat([size, text, data]));
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
    assert.deepEqual(
      readdirSync(join(xdg, "hotswap")).map((name) => name.slice(name.lastIndexOf("."))).sort(),
      [".bin", ".json"],
    );
  }));

test("a second start-up runs V8's code cache of a body whose checksums hold, and compiles it from its text otherwise", () =>
  withDirectory(FILES, async (dir) => {
    await run(dir);
    const [file] = cacheFiles(dir);
    const [codeFile, ...others] = cacheFiles(dir, ".bin");
    assert.equal(others.length, 0);
    const codes = readCodeCache(codeFile);
    assert.equal(Object.keys(codes.header.entries).length, 2);

    // dep.js's body now says something else in as many characters, and its code cache's
    // checksum is made to match: V8 checks only the length, so the cached code runs.
    const stored = JSON.parse(readFileSync(file, "utf8"));
    const key = Object.keys(stored.entries).find((k) => stored.entries[k][1].code.includes('"from source"'));
    const code = stored.entries[key][1].code.replace('"from source"', '"from SOURCE"');
    stored.entries[key][1].code = code;
    writeFileSync(file, JSON.stringify(stored));
    codes.header.entries[key][3] = crc32(code);
    writeCodeCache(codeFile, codes);
    const cached = await run(dir);
    assert.deepEqual(cached.stdout, ["from source"], cached.output);

    // A damaged cache fails its checksum: the body is compiled from its text.
    const [offset] = codes.header.entries[key];
    codes.data[offset + 20] ^= 0xff;
    writeCodeCache(codeFile, codes);
    const damaged = await run(dir);
    assert.deepEqual(damaged.stdout, ["from SOURCE"], damaged.output);
    // And its new cache was written in its place.
    const rewritten = readCodeCache(codeFile);
    assert.equal(rewritten.header.entries[key][3], crc32(code));
    writeFileSync(codeFile, "garbage");
    const garbage = await run(dir);
    assert.deepEqual(garbage.stdout, ["from SOURCE"], garbage.output);
    assert.equal(Object.keys(readCodeCache(codeFile).header.entries).length, 2);
  }));

// Server discovery against real executables in temporary folders, and the real hotswap binary.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { findServer, probeVersion, ServerNotFoundError } from "../../src/server.ts";

const repoRoot = path.join(import.meta.dirname, "..", "..", "..");
let dir: string;

/** Writes an executable shell script that prints `output` for --version. */
function fakeServer(file: string, output: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
  chmodSync(file, 0o755);
  return file;
}

const input = (over: Partial<Parameters<typeof findServer>[0]>) => ({
  settingPath: "",
  baseDir: dir,
  extensionDir: path.join(dir, "ext"),
  envPath: "",
  platform: process.platform,
  arch: process.arch,
  ...over,
});

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hotswap-server-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("findServer", () => {
  test("the setting wins, relative to the workspace folder", async () => {
    fakeServer(path.join(dir, "ext", "bin", "hotswap"), "hotswap 0.1.0");
    const mine = fakeServer(path.join(dir, "tools", "hotswap"), "hotswap 9.9.9");
    const found = await findServer(input({ settingPath: "tools/hotswap" }));
    assert.deepEqual(found, { path: mine, source: "setting hotswap.server.path", version: "9.9.9" });
  });

  test("a broken setting is an error naming it, with no fallback to another binary", async () => {
    fakeServer(path.join(dir, "ext", "bin", "hotswap"), "hotswap 0.1.0");
    await assert.rejects(findServer(input({ settingPath: path.join(dir, "nowhere", "hotswap") })), (error) => {
      assert.ok(error instanceof ServerNotFoundError);
      assert.match(error.message, /setting hotswap\.server\.path = .*nowhere\/hotswap: running .* failed/);
      assert.match(error.fix, /hotswap\.server\.path/);
      return true;
    });
  });

  test("the bundled binary comes before PATH", async () => {
    const bundled = fakeServer(path.join(dir, "ext", "bin", "hotswap"), "hotswap 0.1.0");
    fakeServer(path.join(dir, "path1", "hotswap"), "hotswap 0.2.0");
    const found = await findServer(input({ envPath: path.join(dir, "path1") }));
    assert.equal(found.path, bundled);
    assert.equal(found.source, "bundled with the extension");
  });

  test("the order is setting, bundled, the project's launcher, its platform package, then PATH", async () => {
    const project = path.join(dir, "order-project");
    const ext = path.join(dir, "order-ext");
    const onPath = path.join(dir, "order-path");
    const key = `${process.platform}-${process.arch}`;
    const launcher = path.join(project, "node_modules", ".bin", "hotswap");
    const platformBinary = path.join(project, "node_modules", "@hotswap", key, "bin", "hotswap");
    const bundled = path.join(ext, "bin", "hotswap");
    const setting = path.join(dir, "order-setting", "hotswap");
    const steps: Array<[string, string]> = [
      [path.join(onPath, "hotswap"), "PATH"],
      [platformBinary, "the project's node_modules"],
      [launcher, "the project's node_modules"],
      [bundled, "bundled with the extension"],
    ];
    const at = { baseDir: project, extensionDir: ext, envPath: onPath, platform: "linux" as const };
    // Each step adds the next candidate up the order, which must then win.
    for (const [file, source] of steps) {
      fakeServer(file, "hotswap 0.1.0");
      const found = await findServer(input(at));
      assert.deepEqual([found.path, found.source], [file, source]);
    }
    fakeServer(setting, "hotswap 0.1.0");
    const found = await findServer(input({ ...at, settingPath: setting }));
    assert.deepEqual([found.path, found.source], [setting, "setting hotswap.server.path"]);
  });

  test("on Windows the project's binary package is used, not the .cmd shim", async () => {
    const project = path.join(dir, "win-project");
    fakeServer(path.join(project, "node_modules", ".bin", "hotswap.exe"), "hotswap 0.1.0");
    const exe = fakeServer(path.join(project, "node_modules", "@hotswap", "win32-arm64", "bin", "hotswap.exe"), "hotswap 0.1.0");
    const found = await findServer(
      input({ baseDir: project, extensionDir: path.join(dir, "none"), platform: "win32", arch: "arm64" }),
    );
    assert.deepEqual([found.path, found.source], [exe, "the project's node_modules"]);
  });

  test("PATH is searched in order, skipping a foreign binary with its reason", async () => {
    const extensionDir = path.join(dir, "empty-ext");
    fakeServer(path.join(dir, "p1", "hotswap"), "hotswap-ng 1.0");
    const good = fakeServer(path.join(dir, "p2", "hotswap"), "hotswap 0.1.0");
    const envPath = [path.join(dir, "missing"), path.join(dir, "p1"), path.join(dir, "p2")].join(path.delimiter);
    const found = await findServer(input({ extensionDir, envPath }));
    assert.deepEqual(found, { path: good, source: "PATH", version: "0.1.0" });
  });

  test("nothing found: the message lists what was tried and the fix", async () => {
    const extensionDir = path.join(dir, "empty-ext");
    fakeServer(path.join(dir, "p3", "hotswap"), "something else");
    await assert.rejects(findServer(input({ extensionDir, envPath: path.join(dir, "p3") })), (error) => {
      assert.ok(error instanceof ServerNotFoundError);
      assert.match(error.message, /empty-ext\/bin\/hotswap: missing/);
      assert.match(error.message, /p3\/hotswap: .*printed "something else", not "hotswap X\.Y\.Z"/);
      assert.match(error.message, /no hotswap on PATH/);
      assert.match(error.message, /Fix: .*hotswap\.server\.path/);
      return true;
    });
  });
});

test("probeVersion reads the real hotswap binary's version", async () => {
  const binary = path.join(dir, "real", "hotswap");
  const go = process.env.GO || "go";
  execFileSync(go, ["build", "-o", binary, "./cmd/hotswap"], { cwd: repoRoot, stdio: "ignore" });
  assert.match(await probeVersion(binary), /^\d+\.\d+\.\d+/);
});

test("probeVersion says why a binary that exists cannot start: its loader is missing", async () => {
  // What a glibc-linked binary is on a musl system: a file whose interpreter is not there.
  const file = path.join(dir, "no-loader", "hotswap");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "#!/no/such/ld-linux-x86-64.so.2\n");
  chmodSync(file, 0o755);
  await assert.rejects(probeVersion(file), (error: Error) => {
    assert.ok(error.message.includes("ENOENT"), error.message);
    assert.ok(error.message.includes("need glibc 2.17 or newer; on Alpine, apk add gcompat"), error.message);
    return true;
  });
});

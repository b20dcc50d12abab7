// Which runtime the server is told about, on real folders.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { bundledRegister, chooseRuntime } from "../../src/runtimeLocation.ts";

let dir: string;
const touch = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "");
  return file;
};

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hotswap-runtime-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("the bundled runtime serves a project without hotswap", () => {
  const ext = path.join(dir, "ext1");
  const register = touch(bundledRegister(ext));
  touch(path.join(dir, "plain", "package.json"));
  assert.deepEqual(chooseRuntime([path.join(dir, "plain")], ext), { register, source: "bundled" });
});

test("a project's own node_modules/hotswap wins: the server is left to find it, from the entry's folder up", () => {
  const ext = path.join(dir, "ext2");
  touch(bundledRegister(ext));
  touch(path.join(dir, "app", "node_modules", "hotswap", "package.json"));
  const entryDir = path.join(dir, "app", "src", "server");
  mkdirSync(entryDir, { recursive: true });
  assert.deepEqual(chooseRuntime([entryDir, path.join(dir, "app")], ext), {
    source: "project",
    packageDir: path.join(dir, "app", "node_modules", "hotswap"),
  });
});

test("an installed hotswap in the workspace folder counts when the entry's folder has none", () => {
  const ext = path.join(dir, "ext3");
  touch(bundledRegister(ext));
  touch(path.join(dir, "mono", "node_modules", "hotswap", "package.json"));
  const choice = chooseRuntime([path.join(dir, "elsewhere"), path.join(dir, "mono", "packages", "api")], ext);
  assert.equal(choice.source, "project");
  assert.equal(choice.register, undefined, "HOTSWAP_RUNTIME stays unset");
});

test("with neither, the server is left to search on its own", () => {
  mkdirSync(path.join(dir, "bare"), { recursive: true });
  assert.deepEqual(chooseRuntime([path.join(dir, "bare")], path.join(dir, "no-ext")), { source: "none" });
});

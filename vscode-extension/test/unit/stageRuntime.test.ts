// Staging the runtime: the package closure, and a real app run on the staged copy alone.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { dependencyClosure, stageRuntime } from "../../scripts/stageRuntime.ts";

const repoRoot = path.join(import.meta.dirname, "..", "..", "..");
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hotswap-stage-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function fakePackage(nodeModules: string, name: string, deps: object = {}, optional: object = {}) {
  mkdirSync(path.join(nodeModules, name), { recursive: true });
  writeFileSync(
    path.join(nodeModules, name, "package.json"),
    JSON.stringify({ name, version: "1.0.0", dependencies: deps, optionalDependencies: optional }),
  );
}

test("the closure follows dependencies and takes only the installed optional ones", () => {
  const nm = path.join(dir, "nm1", "node_modules");
  fakePackage(nm, "a", { b: "1" }, { "@x/binding-this-platform": "1", "@x/binding-other-platform": "1" });
  fakePackage(nm, "b");
  fakePackage(nm, "@x/binding-this-platform");
  assert.deepEqual(dependencyClosure(nm, { a: "1" }), ["@x/binding-this-platform", "a", "b"]);
});

test("a missing required package is an error naming its folder", () => {
  const nm = path.join(dir, "nm2", "node_modules");
  fakePackage(nm, "a", { gone: "1" });
  assert.throws(() => dependencyClosure(nm, { a: "1" }), /nm2\/node_modules\/gone: package gone is not installed/);
});

test("the staged runtime runs the example app with no other node_modules around", async () => {
  const staged = path.join(dir, "ext", "runtime");
  const result = stageRuntime(repoRoot, staged);
  assert.ok(result.packages.includes("oxc-transform"), result.packages.join(", "));
  assert.ok(result.packages.some((name) => name.startsWith("@oxc-transform/binding-")), "a native binding is staged");
  const app = path.join(dir, "app");
  cpSync(path.join(repoRoot, "hmr", "example", "app"), app, { recursive: true });
  const register = pathToFileURL(path.join(staged, "hmr", "runtime", "register.js")).href;
  const child = spawn(process.execPath, ["--import", register, "server.js"], {
    cwd: app,
    env: { ...process.env, PORT: "0", HOTSWAP_SOCKET: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in 15s; output:\n${output}`)), 15000);
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
    });
    const body = await (await fetch(url, { signal: AbortSignal.timeout(5000) })).text();
    assert.match(body, /Hello from Hotswap!/);
  } finally {
    child.kill();
  }
});

// The `hotswap` launch configuration becomes VS Code's JavaScript debugger attaching to the
// app's inspector, set to attach again after restarts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { attachConfiguration, DEFAULT_LAUNCH, HOTSWAP_MARK, withDefaults } from "../../src/debugConfig.ts";

const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8"));

test("F5 without a launch.json gets the hotswap launch; given fields are kept", () => {
  assert.deepEqual(withDefaults({}), DEFAULT_LAUNCH);
  assert.deepEqual(withDefaults({ type: "hotswap", request: "launch", name: "mine", port: 9333 }), {
    type: "hotswap",
    request: "launch",
    name: "mine",
    port: 9333,
  });
});

test("the launch turns into a node attach on the inspector's port that re-attaches after restarts", () => {
  const attach = attachConfiguration({ ...DEFAULT_LAUNCH }, "127.0.0.1", 9333, "file:///work/app");
  assert.equal(attach.type, "node");
  assert.equal(attach.request, "attach");
  assert.equal(attach.address, "127.0.0.1");
  assert.equal(attach.port, 9333);
  assert.equal(attach.restart, true);
  assert.equal(attach.continueOnAttach, true);
  assert.deepEqual(attach.skipFiles, ["<node_internals>/**"]);
  assert.equal(attach[HOTSWAP_MARK], "file:///work/app");
});

test("the manifest contributes the hotswap debug type, its snippet and the default configuration", () => {
  const debuggers = manifest.contributes.debuggers as { type: string; initialConfigurations: object[]; configurationSnippets: { body: object }[] }[];
  const hotswap = debuggers.find((entry) => entry.type === "hotswap");
  assert.ok(hotswap, "no hotswap debugger contributed");
  assert.deepEqual(hotswap.initialConfigurations, [DEFAULT_LAUNCH]);
  assert.deepEqual(hotswap.configurationSnippets[0].body, DEFAULT_LAUNCH);
  assert.ok(manifest.activationEvents.includes("onDebugResolve:hotswap"));
});

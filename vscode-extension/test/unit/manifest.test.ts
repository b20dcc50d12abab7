// package.json and the sources agree: every command the code registers or points at is
// contributed, and every contributed command is registered.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const extensionDir = path.join(import.meta.dirname, "..", "..");
const manifest = JSON.parse(readFileSync(path.join(extensionDir, "package.json"), "utf8"));
const sources = readdirSync(path.join(extensionDir, "src"), { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".ts"))
  .map((name) => readFileSync(path.join(extensionDir, "src", name), "utf8"))
  .join("\n");

test("contributed commands and registered commands are the same set", () => {
  const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
  const registered = [...sources.matchAll(/run\("(hotswap\.[A-Za-z]+)"/g)].map((match) => match[1]).sort();
  assert.deepEqual(registered, contributed);
  for (const [, used] of sources.matchAll(/command: "(hotswap\.[A-Za-z]+)"/g)) assert.ok(contributed.includes(used), used);
});

test("every setting the code reads is declared", () => {
  const declared = Object.keys(manifest.contributes.configuration.properties);
  const read = [...sources.matchAll(/get<[^>]+>\("([\w.]+)"/g)].map((match) => `hotswap.${match[1]}`);
  assert.ok(read.length >= 9, `found ${read.length} settings read`);
  for (const setting of read) assert.ok(declared.includes(setting), setting);
  assert.ok(declared.includes("hotswap.trace.server"), "the language client reads hotswap.trace.server");
});

test("the bundle's entry and the tree view are wired", () => {
  assert.equal(manifest.main, "./dist/extension.cjs");
  assert.deepEqual(manifest.contributes.views.hotswap.map((view: { id: string }) => view.id), ["hotswap.updateLog"]);
});

// Loaded with --require before every test262 test (run.js): defines print and a small $262, then
// runs the test's harness includes as global scripts, as test262's own hosts do.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");

globalThis.print = (...values) => console.log(...values);
globalThis.$262 = {
  global: globalThis,
  evalScript(source) {
    return vm.runInThisContext(source, { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  },
  detachArrayBuffer(buffer) {
    structuredClone(buffer, { transfer: [buffer] });
  },
  gc() {
    globalThis.gc?.();
  },
  createRealm() {
    throw new Error("$262.createRealm is not provided by this host");
  },
  agent: {},
};
const harness = process.env.TEST262_HARNESS;
for (const include of (process.env.TEST262_INCLUDES ?? "").split(",").filter(Boolean)) {
  const file = join(harness, include);
  vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
}

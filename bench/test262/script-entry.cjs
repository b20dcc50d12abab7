// The entry of a test262 script test (run.js): runs the test file as a global script whose
// import() goes through Node's module loader, resolved from the test file.
"use strict";
const { readFileSync } = require("node:fs");
const { pathToFileURL } = require("node:url");
const vm = require("node:vm");

const file = process.env.TEST262_SCRIPT;
const source = readFileSync(file, "utf8");
vm.runInThisContext(process.env.TEST262_STRICT ? `"use strict";\n${source}` : source, {
  filename: pathToFileURL(file).href,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

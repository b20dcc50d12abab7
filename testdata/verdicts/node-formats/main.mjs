// No "type" in package.json: each .js and .ts file is an ES module only if its syntax says so
// (Node's syntax detection); folders with their own package.json decide by its "type".
import { esm } from "./esm.js";
import plain from "./plain.js";
import typed from "./typed.ts";
import legacy from "./legacy.cjs";
import { helper } from "./cjs/helper.js";
import tsHelper from "./cjs/helper.ts";
import { mod } from "./mod/lib.ts";
import "./tla.js";
import "./meta.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(esm, plain.plain, typed, legacy, helper(), tsHelper, mod);

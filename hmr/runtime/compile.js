// Compiles a transformed module body once per source text into a generator function. The file
// URL is the script's name for every version, so Node and V8 keep one entry per file, not one
// per version.
import vm from "node:vm";
import { BODY_PARAMETERS } from "./transform.js";

function wrap(code, isAsync, leadingYield) {
  const header = `(${isAsync ? "async " : ""}function* (${BODY_PARAMETERS.join(", ")}) {"use strict";${leadingYield ? " yield;" : ""}`;
  return `${header}\n${code}\n})`;
}

/**
 * Returns the generator function of a transformed module. A body with `await` only inside nested
 * functions stays synchronous; only a real top-level await makes the module async.
 */
export function compileBody(url, transformed) {
  const options = { filename: url, lineOffset: -1 };
  const leadingYield = transformed.yieldInHeader === true;
  if (transformed.hasTopLevelAwait) {
    try {
      const run = new vm.Script(wrap(transformed.code, false, leadingYield), options).runInThisContext();
      return { run, hasTopLevelAwait: false };
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  const isAsync = transformed.hasTopLevelAwait;
  const run = new vm.Script(wrap(transformed.code, isAsync, leadingYield), options).runInThisContext();
  return { run, hasTopLevelAwait: isAsync };
}

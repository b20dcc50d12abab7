// Compiles a transformed module body once per source text into a generator function. The file
// URL is the script's name for every version, so Node and V8 keep one entry per file, not one
// per version.
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";
import { hasTopLevelAwait } from "./top-level-await.js";
import { BODY_PARAMETERS } from "./transform.js";

// vm.compileFunction compiles the outer function and only pre-parses the generator inside it,
// so a module body is fully compiled once, when it first runs; a parenthesised function in a
// vm.Script would be compiled eagerly and then again.
// The runtime's bindings are parameters of the outer function, so the body's own `arguments`
// is an empty one rather than the runtime's.
// A body that uses webpack's `module.hot` (NestJS's recipe: `declare const module: any;
// if (module.hot) module.hot.accept()`) sees `module.hot` as its `import.meta.hot`; the body's
// own `module` binding, if it declares one, shadows it.
const WEBPACK_HOT = /\bmodule\.hot\b/;

function wrap(code, isAsync, leadingYield) {
  const webpackModule = WEBPACK_HOT.test(code) ? "const module = { hot: __vite_ssr_import_meta__.hot };" : "";
  const header = `${webpackModule}return ${isAsync ? "async " : ""}function* () {"use strict";${leadingYield ? " yield;" : ""}`;
  return `${header}\n${code}\n}`;
}

// V8's compilation cache keeps every distinct source it compiles (about 1.3 KB each) for the
// life of the process. Module versions never repeat, so the cache would only grow with every
// update; it is switched off just while a module body compiles (a toggle costs microseconds).
const cacheOffByUser = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].includes(
  "--no-compilation-cache",
);

let batchDepth = 0;

/**
 * Keeps the cache off across many compiles (a toggle is cheap, thousands of them are not).
 * Returns a handle whose end() must be called, also on failure.
 */
export function beginCompileBatch() {
  if (batchDepth++ === 0) setFlagsFromString("--no-compilation-cache");
  let ended = false;
  return {
    end() {
      if (ended) return;
      ended = true;
      if (--batchDepth === 0 && !cacheOffByUser) setFlagsFromString("--compilation-cache");
    },
  };
}

// With a code cache (code-cache.js) the body is a script instead, since only a script can give
// its cache after it ran (with the functions compiled by then); the function in brackets is not
// compiled eagerly, as a parenthesised one would be. Its text keeps the wrapper's first line.
const SCRIPT_PREFIX = `[function (${BODY_PARAMETERS.join(", ")}) {`;
const SCRIPT_SUFFIX = "}][0]";

/** @typedef {{ data: Buffer | undefined, compiled(script: vm.Script): void }} BodyCodeCache */

/** @param {BodyCodeCache | null} codeCache */
function compile(url, code, isAsync, leadingYield, codeCache) {
  const batch = beginCompileBatch();
  // `import()` in code the module evaluates (`eval`, `new Function`) goes to Node's loader.
  const importModuleDynamically = vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  try {
    if (codeCache === null) {
      return vm.compileFunction(wrap(code, isAsync, leadingYield), BODY_PARAMETERS, { filename: url, lineOffset: -1, importModuleDynamically });
    }
    const text = `${SCRIPT_PREFIX}${wrap(code, isAsync, leadingYield)}${SCRIPT_SUFFIX}`;
    const script = new vm.Script(text, { filename: url, lineOffset: -1, importModuleDynamically, cachedData: codeCache.data });
    codeCache.compiled(script);
    return script.runInThisContext();
  } finally {
    batch.end();
  }
}

/**
 * Returns a function that takes the runtime's bindings (BODY_PARAMETERS) and returns the
 * module's generator function; `codeCache` (code-cache.js) is the body's V8 code cache, if
 * any. A body with `await` only inside nested functions stays synchronous; only a real
 * top-level await makes the module async.
 * @param {BodyCodeCache | null} codeCache
 */
export function compileBody(url, transformed, codeCache = null) {
  const leadingYield = transformed.yieldInHeader === true;
  if (!transformed.mentionsAwait) {
    return { run: compile(url, transformed.code, false, leadingYield, codeCache), hasTopLevelAwait: false };
  }
  let run;
  try {
    run = compile(url, transformed.code, false, leadingYield, codeCache);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  if (run && !hasTopLevelAwait(transformed.code)) return { run, hasTopLevelAwait: false };
  return { run: compile(url, transformed.code, true, leadingYield, codeCache), hasTopLevelAwait: true };
}

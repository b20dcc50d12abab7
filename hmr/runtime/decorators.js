// Standard (TC39) decorators, what TypeScript compiles when tsconfig.json does not turn on
// `experimentalDecorators`. No JavaScript engine runs them yet and oxc-transform only lowers
// TypeScript's legacy ones, so a TypeScript module still holding decorators after oxc's strip is
// lowered by Babel's decorators plugin, the proposal's reference implementation. Babel is loaded
// on the first such module only: every other module pays for one scan of its `@` characters.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The proposal's current semantics (context.addInitializer, metadata, auto-accessors), which
// TypeScript 5 also implements.
const DECORATORS_VERSION = "2023-11";

let babel = null;

/**
 * Whether `code` (a module oxc has stripped of TypeScript, with its parse's `comments`) may hold
 * a decorator: an `@` outside every comment. JSDoc tags are the common `@`, and they are comments.
 * @param {string} code
 * @param {ArrayLike<{ start: number, end: number }>} comments sorted by position, as the parser gives them
 */
export function mayHaveDecorators(code, comments) {
  let at = code.indexOf("@");
  let index = 0;
  while (at !== -1) {
    while (index < comments.length && comments[index].end <= at) index++;
    const comment = index < comments.length ? comments[index] : null;
    if (comment === null || at < comment.start) return true;
    at = code.indexOf("@", comment.end);
  }
  return false;
}

/**
 * Whether the module's AST holds a decorator (an `@` in a string or a regular expression does
 * not count). Parses `code` once more: only modules mayHaveDecorators let through get here.
 * @param {string} file
 * @param {string} code
 */
export function hasDecorators(file, code) {
  const { parseSync, Visitor } = require("oxc-parser");
  const parsed = parseSync(file, code, { lang: "js", sourceType: "module" });
  let found = false;
  new Visitor({
    Decorator() {
      found = true;
    },
  }).visit(parsed.program);
  return found;
}

/**
 * Lowers the standard decorators of an ES module (plain JavaScript, TypeScript already stripped)
 * to JavaScript Node runs. Lines stay where they were, so stack traces need no new map; the map
 * is made when asked for (the debugger's composed map).
 * @param {string} file
 * @param {string} code
 * @param {{ sourcemap?: boolean }} [options]
 * @returns {{ code: string, map: object | null }}
 */
export function lowerDecorators(file, code, { sourcemap = false } = {}) {
  babel ??= {
    transformSync: require("@babel/core").transformSync,
    decorators: require("@babel/plugin-proposal-decorators"),
  };
  const result = babel.transformSync(code, {
    filename: file,
    configFile: false,
    babelrc: false,
    sourceType: "module",
    retainLines: true,
    sourceMaps: sourcemap,
    plugins: [[babel.decorators, { version: DECORATORS_VERSION }]],
  });
  return { code: result?.code ?? code, map: result?.map ?? null };
}

// An app ES module that Node loads itself (reached through require(), or in a worker thread) is
// not hot, but it is still the app's source: TypeScript and JSX are compiled with the same
// tsconfig-driven options as the runtime's own modules, so decorators, enums and JSX work there
// too. Plain JavaScript and JSON load exactly as Node loads them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { locationFromOffset } from "./source-location.js";
import { hasDecorators } from "./decorators.js";
import { ModuleSyntaxError, lowerOrThrow } from "./transform.js";
import { transformOptionsFor } from "./tsconfig.js";

const TYPESCRIPT_OR_JSX = /\.(?:m?tsx?|jsx)$/;
// Loaded on first use: most apps never have Node load a TypeScript file itself.
const require = createRequire(import.meta.url);

/**
 * The load hook's answer for a participating file Node loads itself: compiled TypeScript or
 * JSX as an ES module, else what Node's own loader gives. Throws ModuleSyntaxError.
 */
export function compileForNode(path, url, context, nextLoad) {
  if (!TYPESCRIPT_OR_JSX.test(path)) return nextLoad(url, context);
  const source = readFileSync(path, "utf8");
  const result = require("oxc-transform").transformSync(path, source, { ...transformOptionsFor(path), sourcemap: false });
  const error = result.errors.find((e) => e.severity === "Error" || !e.severity);
  if (error) {
    const { line, column } = locationFromOffset(source, error.labels?.[0]?.start ?? 0);
    throw new ModuleSyntaxError(error.message, path, line, column, error.codeframe);
  }
  // Standard decorators survive the strip (transform.js); here only a file that has an `@` at all
  // is parsed again to find them, since Node seldom loads the app's TypeScript itself.
  const lowered = result.code.includes("@") && hasDecorators(path, result.code);
  return { format: "module", source: lowered ? lowerOrThrow(path, result.code).code : result.code, shortCircuit: true };
}

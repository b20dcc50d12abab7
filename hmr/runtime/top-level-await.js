// Whether a module body awaits at its top level. In a non-async generator `await (x)` still
// compiles (as a call of a variable named `await`), so compiling is not enough to tell; a parse
// that skips nested functions is. Only bodies that mention `await` get here.
import { createRequire } from "node:module";

// Loaded on first use: apps whose modules never mention `await` do not pay for the parser.
const require = createRequire(import.meta.url);
let acorn = null;

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** True when `code` (a module body, imports already rewritten) has a top-level await. */
export function hasTopLevelAwait(code) {
  acorn ??= require("acorn");
  const ast = acorn.parse(code, {
    ecmaVersion: "latest",
    sourceType: "script",
    allowAwaitOutsideFunction: true,
    allowReturnOutsideFunction: true,
    allowHashBang: true,
  });
  return awaitsOutsideFunctions(ast);
}

function awaitsOutsideFunctions(node) {
  if (node === null || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(awaitsOutsideFunctions);
  if (typeof node.type !== "string") return false;
  if (node.type === "AwaitExpression") return true;
  if (node.type === "ForOfStatement" && node.await) return true;
  if (node.type === "VariableDeclaration" && node.kind === "await using") return true;
  if (FUNCTIONS.has(node.type)) return false;
  for (const key in node) {
    if (key === "type" || key === "start" || key === "end" || key === "loc") continue;
    if (awaitsOutsideFunctions(node[key])) return true;
  }
  return false;
}

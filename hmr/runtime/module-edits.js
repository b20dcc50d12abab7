// Edits made to a module's code before oxc's module runner transform, for the forms that
// transform gets wrong. Every edit but the insertions marked `shifts` keeps each character of the
// module at its line and column (replacements are padded to the length they replace, additions
// go after the last line), so positions in stack traces and errors need no extra map.
//
// - `import d, * as ns from "x"`: the transform leaves `d` unrewritten. The namespace part
//   becomes `{}` and `import * as ns from "x"` is added at the end (imports are hoisted, and the
//   module was already requested at its first place, so the order of evaluation is unchanged).
// - `export default function () {}`: the transform makes it a `const`, but the spec hoists it
//   like any function declaration (an importer in a cycle may call it first). It gets a name,
//   `$hs_default`, and `export { $hs_default as default }` at the end; evaluate.js renames the
//   function "default" as the spec names it.
// - `export default class {}`, `export default (function () {})`, `export default () => {}`:
//   the transform's `const` would name them after itself. The spec names them "default" as
//   they are defined (a static block sees it), and so does a property of that name:
//   `({default: class {}}).default`. These two insertions (`shifts`) move the rest of their
//   line, which transform.js takes back out of the source map.

/** The local name given to an anonymous `export default function`. */
export const DEFAULT_FUNCTION_NAME = "$hs_default";

/**
 * The edits for `code` (sorted, not overlapping): { start, end, text }, with `hoistsDefault` on
 * the one that names a default function and `shifts` on insertions that move columns. `shape` is
 * the module's (module-shape.js); `program` gives the AST, read only when needed.
 */
export function editsFor(code, shape, program) {
  const edits = [];
  for (const split of shape.defaultAndNamespace) {
    let star = skipTrivia(code, split.defaultEnd);
    if (code[star] !== ",") continue;
    star = skipTrivia(code, star + 1);
    edits.push({ start: star, end: split.namespaceEnd, text: padded("{}", code.slice(star, split.namespaceEnd)) });
    const request = code.slice(split.requestStart, split.end).replace(/;$/, "");
    edits.push({ start: code.length, end: code.length, text: `\nimport * as ${split.namespace} from ${request};` });
  }
  if (shape.anonymousDefault) {
    for (const statement of program().body) {
      const declaration = statement.type === "ExportDefaultDeclaration" ? statement.declaration : null;
      if (declaration && isAnonymousDefinition(declaration)) {
        const close = declaration.type === "ClassDeclaration" ? "}).default;" : "}).default";
        edits.push({ start: declaration.start, end: declaration.start, text: "({default:", shifts: true });
        edits.push({ start: declaration.end, end: declaration.end, text: close, shifts: true });
        break;
      }
      if (declaration?.type !== "FunctionDeclaration" || declaration.id) continue;
      const paren = parameterListStart(code, declaration.start);
      if (paren < 0) break;
      const text = `${declaration.async ? "async " : ""}function${declaration.generator ? "*" : ""} ${DEFAULT_FUNCTION_NAME}`;
      edits.push({ start: statement.start, end: paren, text: padded(text, code.slice(statement.start, paren)), hoistsDefault: true });
      edits.push({ start: code.length, end: code.length, text: `\nexport { ${DEFAULT_FUNCTION_NAME} as default };` });
      break;
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

// A class or function definition without a name that is not a hoisted function declaration.
function isAnonymousDefinition(node) {
  while (node.type === "ParenthesizedExpression") node = node.expression;
  if (node.type === "ArrowFunctionExpression") return true;
  if (node.type === "ClassDeclaration" || node.type === "ClassExpression" || node.type === "FunctionExpression") return !node.id;
  return false;
}

// `text` followed by the replaced text's line breaks, padded with spaces so that what follows
// stays at its column (when the replaced text is shorter, it is simply shorter).
function padded(text, replaced) {
  const lastBreak = replaced.lastIndexOf("\n");
  if (lastBreak < 0) return text + " ".repeat(Math.max(0, replaced.length - text.length));
  const breaks = replaced.replace(/[^\n]/g, "");
  return text + breaks + " ".repeat(replaced.length - lastBreak - 1);
}

// After `[async] function [*]`, the `(` of the parameters; only spaces and comments can stand
// between those tokens.
function parameterListStart(code, at) {
  let index = skipTrivia(code, at);
  if (code.startsWith("async", index)) index = skipTrivia(code, index + 5);
  if (!code.startsWith("function", index)) return -1;
  index = skipTrivia(code, index + 8);
  if (code[index] === "*") index = skipTrivia(code, index + 1);
  return code[index] === "(" ? index : -1;
}

function skipTrivia(code, index) {
  for (;;) {
    if (/\s/.test(code[index] ?? "")) index += 1;
    else if (code.startsWith("//", index)) {
      const end = code.indexOf("\n", index);
      index = end < 0 ? code.length : end;
    } else if (code.startsWith("/*", index)) {
      const end = code.indexOf("*/", index + 2);
      index = end < 0 ? code.length : end + 2;
    } else return index;
  }
}

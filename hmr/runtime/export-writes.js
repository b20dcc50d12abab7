// Writes to a module's exported bindings, made visible to the stubs through which Node's own
// loader sees a participating module (hooks.js). A stub's bindings are copies of the runtime's
// live namespace; the spec wants them live, so every expression that may write an exported
// binding (`x = v`, `x += v`, `x++`, `[x] = a`, `for (x of a)`) is wrapped in a call of
// WRITTEN, which returns its argument and refreshes the stubs. The edits are insertions, so
// they move the columns after them on their line; withoutInsertions takes those columns back
// out of the module runner transform's source map. Only the module's exported locals
// (module-shape.js) are looked for, and the AST (a second parse) only when the text around one of
// them looks like a write. A wrapped write to a name that a nested scope shadows only refreshes
// the stubs for nothing.
import { createRequire } from "node:module";

/** The body parameter (compile.js) that a wrapped write calls. */
export const WRITTEN = "__hotswap_written__";

const require = createRequire(import.meta.url);
let codec = null;

// What may follow a name that is written (sticky, at the first character after the name and
// its spaces), and what may stand before it. The expressions are fixed: one compiled per
// module (names differ) would cost more than the whole transform.
const WRITE_AFTER = /(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|\+\+|--/y;
const UPDATE_BEFORE = /(?:\+\+|--)\s*$/;
const FOR_BEFORE = /\bfor\s*(?:await\s*)?\(\s*$/;
const OF_OR_IN_AFTER = /\s+(?:of|in)\b/y;
const DECLARED_BEFORE = /\b(?:let|const|var)\s+$/;
// The end of a destructuring pattern: `] =`, `} =`, `}) =` (also of declarations and defaults).
const PATTERN_END = /[\]}]\s*\)?\s*=(?![=>])/g;
const IDENTIFIER = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu;
const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;
const SPACE = /\s/;
const LOOK_BEHIND = 16;

/**
 * Whether `code` may write one of `names`: an assignment or update of the bare name (not a
 * declaration's initialiser), a `for (name of/in`, or a destructuring pattern that holds the
 * name and is not a declaration's. Over-approximate: the AST decides.
 */
function mayWrite(code, names) {
  for (const name of names) {
    for (let at = code.indexOf(name); at >= 0; at = code.indexOf(name, at + 1)) {
      const end = at + name.length;
      const before = code[at - 1] ?? "";
      if (before === "." || before === "#" || IDENTIFIER_PART.test(before) || IDENTIFIER_PART.test(code[end] ?? "")) continue;
      const behind = code.slice(Math.max(0, at - LOOK_BEHIND), at);
      let next = end;
      while (SPACE.test(code[next] ?? "")) next += 1;
      WRITE_AFTER.lastIndex = next;
      if (WRITE_AFTER.test(code) && !DECLARED_BEFORE.test(behind)) return true;
      if (UPDATE_BEFORE.test(behind)) return true;
      OF_OR_IN_AFTER.lastIndex = end;
      if (FOR_BEFORE.test(behind) && OF_OR_IN_AFTER.test(code)) return true;
    }
  }
  const written = new Set(names);
  for (const match of code.matchAll(PATTERN_END)) {
    const open = patternStart(code, match.index);
    if (open < 0) return true;
    if (DECLARED_BEFORE.test(code.slice(Math.max(0, open - LOOK_BEHIND), open))) continue;
    for (const identifier of code.slice(open, match.index).matchAll(IDENTIFIER)) {
      if (written.has(identifier[0])) return true;
    }
  }
  return false;
}

// The `[` or `{` that opens the pattern whose closing bracket is at `close`, or -1 (brackets
// inside strings can mislead it; then the AST decides anyway).
function patternStart(code, close) {
  let depth = 0;
  for (let index = close; index >= 0; index -= 1) {
    const char = code[index];
    if (char === "]" || char === "}") depth += 1;
    else if (char === "[" || char === "{") {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/**
 * Insertions (`{ start, end: start, text, rank, shifts: true }`) that wrap each write to one of
 * `names` in `code` (the JavaScript of `file`). The code is parsed again, into the plain ESTree
 * form, only when it looks as if it writes one of them.
 */
export function writeInsertions(file, code, names) {
  if (names.length === 0 || !mayWrite(code, names)) return [];
  const { parseSync, rawTransferSupported, visitorKeys } = require("oxc-parser");
  /** @type {import("oxc-parser").ParserOptions} */
  const options = { lang: "js", sourceType: "module", experimentalRawTransfer: rawTransferSupported() };
  const written = new Set(names);
  const insertions = [];
  const wrap = (start, end, open, close) => {
    // Opening texts at one position go outer first, closing texts inner first.
    insertions.push({ start, end: start, text: open, rank: insertions.length, shifts: true });
    insertions.push({ start: end, end, text: close, rank: -insertions.length, shifts: true });
  };
  const visit = (node) => {
    if (node === null || typeof node !== "object" || typeof node.type !== "string") return;
    if (node.type === "AssignmentExpression" && writesName(node.left, written)) {
      wrap(node.start, node.end, `${WRITTEN}(`, ")");
    } else if (node.type === "UpdateExpression" && writesName(node.argument, written)) {
      wrap(node.start, node.end, `${WRITTEN}(`, ")");
    } else if ((node.type === "ForOfStatement" || node.type === "ForInStatement") && writesName(node.left, written)) {
      wrap(node.body.start, node.body.end, `{${WRITTEN}();`, "}");
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = node[key];
      if (child === null || typeof child !== "object") continue;
      if (typeof child.type === "string") visit(child);
      else if (typeof child.length === "number") for (const element of child) visit(element);
    }
  };
  visit(parseSync(file, code, options).program);
  return insertions.sort((a, b) => a.start - b.start || a.rank - b.rank);
}

// Whether an assignment target (a name, a member expression, or a pattern) writes a name in `names`.
function writesName(target, names) {
  if (target === null || typeof target !== "object") return false;
  switch (target.type) {
    case "Identifier":
      return names.has(target.name);
    case "ArrayPattern":
      return target.elements.some((element) => writesName(element, names));
    case "ObjectPattern":
      return target.properties.some((property) => writesName(property.type === "RestElement" ? property : property.value, names));
    case "RestElement":
      return writesName(target.argument, names);
    case "AssignmentPattern":
      return writesName(target.left, names);
    case "ParenthesizedExpression":
      return writesName(target.expression, names);
    default:
      return false;
  }
}

/**
 * Where the insertions land, per line of the code they were made in: Map<line (0-based),
 * { column, length }[]> with the columns before any insertion.
 */
export function insertionColumns(code, insertions) {
  const byLine = new Map();
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const insertion of insertions) {
    for (; scanned < insertion.start; scanned += 1) {
      if (code.charCodeAt(scanned) === 10) {
        line += 1;
        lineStart = scanned + 1;
      }
    }
    const list = byLine.get(line) ?? [];
    list.push({ column: insertion.start - lineStart, length: insertion.text.length });
    byLine.set(line, list);
  }
  return byLine;
}

/**
 * `map` (the module runner transform's, whose original lines start `linesBefore` lines above the
 * code the insertions were made in) with original columns as they were before the insertions.
 */
export function withoutInsertions(map, columns, linesBefore) {
  if (columns.size === 0) return map;
  codec ??= require("@jridgewell/sourcemap-codec");
  const lines = codec.decode(map.mappings);
  for (const segments of lines) {
    for (const segment of segments) {
      if (segment.length < 4) continue;
      const inserted = columns.get(segment[2] - linesBefore);
      if (inserted) segment[3] = columnBefore(inserted, segment[3]);
    }
  }
  return { ...map, mappings: codec.encode(lines) };
}

// A column after the insertions of its line, as it was before them (inside an inserted text:
// where that text went in).
function columnBefore(inserted, column) {
  let shift = 0;
  for (const { column: at, length } of inserted) {
    const start = at + shift;
    if (column < start) break;
    if (column < start + length) return at;
    shift += length;
  }
  return column - shift;
}

// Source phase imports (`import.source(x)`, `import source s from "x"`), which oxc's module
// runner transform turns into ordinary imports. A JavaScript module has no source object: Node
// rejects with a SyntaxError, and so does the runtime for the app's modules. A module Node loads
// itself (WebAssembly) gets its source object from Node.
//
// `import.source(x)` becomes `import(x, SOURCE_PHASE)` before the transform (the keyword part is
// padded to keep positions; the second argument is an insertion that `shifts`), and the
// runtime's import() sees the marker. A static source import is marked `phase: "source"` on its
// import entry (module-shape.js), read from the AST by its position as import-attributes.js
// reads attributes.

/** The options object of a rewritten `import.source(x)`. */
export const SOURCE_PHASE = Symbol.for("hotswap.sourcePhase");

// Only a module whose text says `import.source` or `import source` can have one.
const DYNAMIC = /\bimport\s*\.\s*source\b/;
const STATIC = /\bimport\s+source\s/;
const KEYWORDS_AT = /import\s*\.\s*source\s*\(/y;

/**
 * The edits that turn each `import.source(x)` into `import(x, Symbol.for(...))`, from the
 * module record's dynamic imports (oxc-parser's, which lists them with `import()`).
 * @returns {{ start: number, end: number, text: string, shifts?: boolean }[]}
 */
export function sourcePhaseEdits(code, record) {
  if (!DYNAMIC.test(code)) return [];
  const edits = [];
  for (const entry of record.dynamicImports) {
    KEYWORDS_AT.lastIndex = entry.start;
    if (!KEYWORDS_AT.test(code)) continue;
    const paren = KEYWORDS_AT.lastIndex - 1;
    edits.push({ start: entry.start, end: paren, text: "import".padEnd(paren - entry.start) });
    const argumentEnd = entry.moduleRequest.end;
    edits.push({ start: argumentEnd, end: argumentEnd, text: `, Symbol.for("hotswap.sourcePhase")`, shifts: true });
  }
  return edits;
}

/**
 * Marks the entries of `imports` whose declaration is a source phase import (`phase: "source"`);
 * `program()` gives the AST.
 * @param {string} code
 * @param {import("./module-shape.js").ImportEntry[]} imports
 * @param {() => any} program
 */
export function markSourcePhaseImports(code, imports, program) {
  if (!STATIC.test(code)) return;
  const starts = new Set();
  for (const statement of program().body) {
    if (statement.type === "ImportDeclaration" && statement.phase === "source") starts.add(statement.start);
  }
  for (const entry of imports) if (starts.has(entry.start)) entry.phase = "source";
}

/** Node's SyntaxError for the source phase of a JavaScript module at `url`. */
export function noSourceObject(url) {
  return new SyntaxError(`Source phase import object is not defined for module '${url}'`);
}

let importSourceFunction = null;

/** `import.source(url)` by Node, for a module Node loads itself. */
export function importSource(url) {
  // Compiled on first use: the runtime's own files must parse on a Node without the syntax.
  importSourceFunction ??= new Function("url", "return import.source(url);");
  return importSourceFunction(url);
}

// Turns one source file into a module body the runtime can evaluate again and again: TypeScript
// and JSX are stripped first, oxc-parser reads the module's shape (imports, exports, re-exports)
// from its module record, oxc's module runner transform rewrites imports and exports, and the
// result is wrapped in a generator whose first step instantiates the module (export getters,
// hoisted functions, imports) and whose second step evaluates its body.
import { createRequire } from "node:module";
import { moduleShape } from "./module-shape.js";
import { checkNesting } from "./nesting.js";
import { hasDecorators, lowerDecorators, mayHaveDecorators } from "./decorators.js";
import { editsFor } from "./module-edits.js";
import { addImportAttributes } from "./import-attributes.js";
import { markSourcePhaseImports, sourcePhaseEdits } from "./source-phase.js";
import { WRITTEN, insertionColumns, withoutInsertions, writeInsertions } from "./export-writes.js";
import { SourceError } from "./source-error.js";
import { locationFromIndex } from "./source-location.js";
import { transformOptionsFor } from "./tsconfig.js";

export const TYPESCRIPT_OR_JSX = /\.(?:[mc]?tsx?|jsx)$/;
// A pre-filter only: bodies that never say `await` cannot await at the top level.
const AWAIT_TOKEN = /\bawait\b/;
// The module runner transform hoists every import and export getter above the module's first
// statement. This statement, put first, marks where they end: it becomes the `yield` that
// separates instantiation from evaluation. It gets a line of its own, so the transform's map
// is one line off the source (LINES_BEFORE_SOURCE), which stack-traces.js takes back.
const INSTANTIATED = "__hotswap_instantiated__;";
export const LINES_BEFORE_SOURCE = 1;
// The runner parses as a module when the file name says so: a module with no import or export
// is still a module (`await` at its top level).
const RUNNER_FILENAME = "module.mjs";
// Parsed as a module, with the early errors that need scopes (duplicate declarations, `await`
// and `yield` as names), so a module that would not link under Node fails before anything runs.
// Lazy (raw transfer) where the platform allows: the parser's result stays in a buffer and only
// what is read crosses into JavaScript, several times cheaper than the JSON AST of every module.
// oxc is loaded on the first transform: a start-up whose modules all come from the disk cache
// (transform-cache.js) never loads it.
const require = createRequire(import.meta.url);
let oxc = null;

function loadOxc() {
  if (oxc !== null) return oxc;
  const { parseSync, rawTransferSupported } = require("oxc-parser");
  const { moduleRunnerTransformSync, transform, transformSync } = require("oxc-transform");
  const parseOptions = { lang: "js", sourceType: "module", showSemanticErrors: true, experimentalLazy: rawTransferSupported() };
  oxc = { parseSync, parseOptions, moduleRunnerTransformSync, transform, transformSync };
  return oxc;
}

/** The parameters every wrapped module body receives, in order. */
export const BODY_PARAMETERS = [
  "__vite_ssr_exports__",
  "__vite_ssr_import__",
  "__vite_ssr_dynamic_import__",
  "__vite_ssr_exportAll__",
  "__vite_ssr_import_meta__",
  WRITTEN,
];

/** A source file that does not parse; carries the original file's line and column. */
export class ModuleSyntaxError extends SourceError {}

// oxc reports UTF-16 offsets into the text it was given; TypeScript is located in the stripped
// JavaScript's lines, which is close to the source's (the stripped code is printed anew).
function throwFirstError(errors, file, text, linesBefore = 0) {
  const error = errors.find((e) => e.severity !== "Warning" && e.severity !== "Advice") ?? errors[0];
  const start = error.labels?.[0]?.start ?? 0;
  const { line, column } = locationFromIndex(text, start);
  throw new ModuleSyntaxError(error.message, file, Math.max(1, line - linesBefore), column, error.codeframe);
}

function checked(result, file, text, linesBefore) {
  const errors = result.errors.filter((e) => e.severity === "Error" || !e.severity);
  if (errors.length > 0) throwFirstError(errors, file, text, linesBefore);
  return result;
}

/**
 * Transforms a module's source. Returns the wrapped code, the import and export tables, whether
 * the body mentions `await` at all (compile.js decides whether it is a top-level await) and,
 * with `sourcemap`, the source maps (outermost last). Maps are only needed to format stack
 * traces, so the runtime asks for them then (see sourceMapsOf), which keeps start-up fast and
 * memory small.
 */
export function transformModule(file, source, { sourcemap = false } = {}) {
  checkNesting(file, source);
  const { transformSync, moduleRunnerTransformSync } = loadOxc();
  let input = withoutHashbang(source);
  const maps = [];
  const typescript = TYPESCRIPT_OR_JSX.test(file);
  if (typescript) {
    const stripped = checked(transformSync(file, input, stripOptions(file, sourcemap)), file, input);
    input = stripped.code;
    maps.push(stripped.map);
  }
  const prepared = parseAndPrepare(file, input, { typescript, sourcemap, maps });
  const result = moduleRunnerTransformSync(RUNNER_FILENAME, prepared.code, { sourcemap });
  maps.push(sourcemap ? withoutInsertions(result.map, prepared.insertions, LINES_BEFORE_SOURCE) : result.map);
  return shapeModule(checked(result, file, prepared.code, LINES_BEFORE_SOURCE), prepared, sourcemap ? maps : null);
}

/**
 * transformModule without source maps, with TypeScript and JSX stripped on a libuv thread. The
 * module runner transform runs on this thread: it takes about 8 microseconds for a small module,
 * and its asynchronous form costs this thread more than that (about 25) in the hand-off alone.
 */
export async function transformModuleAsync(file, source) {
  checkNesting(file, source);
  const { transform, moduleRunnerTransformSync } = loadOxc();
  let input = withoutHashbang(source);
  const typescript = TYPESCRIPT_OR_JSX.test(file);
  if (typescript) {
    input = checked(await transform(file, input, stripOptions(file, false)), file, input).code;
  }
  // The parse comes first: oxc's module runner transform aborts the process on some invalid
  // modules (`export { "x" }`) that the parser reports as errors.
  const prepared = parseAndPrepare(file, input, { typescript });
  const result = moduleRunnerTransformSync(RUNNER_FILENAME, prepared.code, { sourcemap: false });
  return shapeModule(checked(result, file, prepared.code, LINES_BEFORE_SOURCE), prepared, null);
}

// On this thread and done with before anything else runs: a lazy parse is cheap, and its result
// holds the transfer buffer until disposed (one still held makes the next parse allocate anew).
// TypeScript's standard decorators survive oxc's strip; they are lowered (decorators.js) and the
// lowered module is parsed instead, since lowering changes its declarations.
function parseAndPrepare(file, input, { typescript = false, sourcemap = false, maps = null } = {}) {
  const { parseSync, parseOptions } = loadOxc();
  let parsed = parseSync(file, input, parseOptions);
  try {
    checked(parsed, file, input);
    if (typescript && mayHaveDecorators(input, parsed.comments) && hasDecorators(file, input)) {
      const first = parsed;
      parsed = null;
      first.dispose?.();
      const lowered = lowerOrThrow(file, input, sourcemap);
      maps?.push(lowered.map);
      input = lowered.code;
      parsed = parseSync(file, input, parseOptions);
      checked(parsed, file, input);
    }
    return prepare(file, input, parsed);
  } finally {
    parsed?.dispose?.();
  }
}

/**
 * Lowers standard decorators (decorators.js). Babel reports a decorator it cannot lower with its
 * line and column, as a ModuleSyntaxError here; its message starts with the file name, which the
 * error's location names already.
 * @returns {{ code: string, map: object | null }}
 */
export function lowerOrThrow(file, input, sourcemap = false) {
  try {
    return lowerDecorators(file, input, { sourcemap });
  } catch (error) {
    if (!error?.loc) throw error;
    const [first, ...frame] = String(error.message).split("\n");
    const reason = first.startsWith(`${file}: `) ? first.slice(file.length + 2) : first;
    throw new ModuleSyntaxError(reason, file, error.loc.line, error.loc.column + 1, frame.join("\n"));
  }
}

// Parses `input` again to let `read` look at its AST (a rare need, after the first parse is gone).
function withProgram(file, input, read) {
  const { parseSync, parseOptions } = loadOxc();
  const parsed = parseSync(file, input, parseOptions);
  try {
    return read(parsed.program);
  } finally {
    parsed.dispose?.();
  }
}

// tsconfig.json decides decorators, JSX and import elision (tsconfig.js).
/** @returns {import("oxc-transform").TransformOptions} */
function stripOptions(file, sourcemap) {
  return { ...transformOptionsFor(file), sourcemap, sourceType: "module" };
}

// A `#!` line is only allowed at the very start of a script, not inside the function the body
// becomes; as a comment of the same length it keeps every position.
function withoutHashbang(source) {
  return source.startsWith("#!") ? `//${source.slice(2)}` : source;
}

/** The module's shape, and the code the module runner transform gets (edits keep positions). */
function prepare(file, code, parsed) {
  const record = parsed.module;
  const shape = moduleShape(record);
  addImportAttributes(code, shape.imports, () => parsed.program);
  markSourcePhaseImports(code, shape.imports, () => parsed.program);
  let edited = code;
  // Writes to exported bindings are wrapped for the stubs (export-writes.js): insertions, listed
  // before the other edits at a position they share (a write that ends the file comes before
  // what module-edits.js appends).
  const insertions = writeInsertions(file, code, shape.exportedLocals);
  const edits = [...insertions, ...editsFor(code, shape, () => parsed.program), ...sourcePhaseEdits(code, record)].sort(
    (a, b) => a.start - b.start,
  );
  if (edits.length > 0) {
    edited = "";
    let at = 0;
    for (const edit of edits) {
      edited += code.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    edited += code.slice(at);
  }
  return {
    code: `${INSTANTIATED}\n${edited}`,
    shape,
    hoistedDefault: edits.some((e) => e.hoistsDefault),
    insertions: insertionColumns(code, edits.filter((e) => e.shifts)),
    withProgram: (read) => withProgram(file, code, read),
  };
}

function shapeModule(result, { shape, hoistedDefault, withProgram }, maps) {
  const code = result.code;
  addEmptyReExports(shape, result.deps, withProgram);
  const marker = code.startsWith(INSTANTIATED) ? 0 : code.indexOf(`\n${INSTANTIATED}\n`) + 1;
  if (marker === 0 && !code.startsWith(INSTANTIATED)) {
    throw new Error("hotswap: the module runner transform moved the instantiation marker");
  }
  // The head is generated code only: the import calls the runtime answers synchronously, since
  // every dependency is loaded and linked before the body's first step.
  const head = code.slice(0, marker).replaceAll("= await __vite_ssr_import__(", "= __vite_ssr_import__(");
  const body = code.slice(marker + INSTANTIATED.length);
  return {
    code: `${head}${readOnlyImports(shape.importedLocals)}yield;${body}`,
    mentionsAwait: AWAIT_TOKEN.test(body),
    // An anonymous default export is named "default" (spec); the rewrite gave it a local name.
    anonymousDefault: shape.anonymousDefault,
    hoistedDefault,
    imports: shape.imports,
    starExports: shape.starExports,
    exports: shape.exports,
    dynamicImports: result.dynamicDeps,
    maps,
  };
}

// oxc-parser's module record leaves out `export {} from "x"`, which still loads and evaluates x.
// The runner transform's list of static dependencies has it; when that list names a module the
// record does not, the AST says where the declaration stands.
function addEmptyReExports(shape, deps, withProgram) {
  const requested = new Set(shape.imports.map((entry) => entry.specifier));
  if (deps.every((specifier) => requested.has(specifier))) return;
  let index = 0;
  const ordered = [];
  withProgram((program) => {
    for (const statement of program.body) {
      const source = statement.source?.value;
      if (typeof source !== "string") continue;
      const empty = statement.specifiers?.length === 0 && !statement.declaration && statement.type !== "ImportDeclaration";
      if (empty && statement.type !== "ExportAllDeclaration") {
        ordered.push({ specifier: source, importedNames: null });
      } else if (index < shape.imports.length) {
        ordered.push(shape.imports[index++]);
      }
    }
  });
  while (index < shape.imports.length) ordered.push(shape.imports[index++]);
  shape.imports = ordered;
}

// The transform rewrites every read of an imported binding and leaves writes (`x = 1`, `x++`,
// `[x] = a`) as they are. A constant of the same name in the body's scope makes them throw the
// TypeError the spec requires for assigning to an import, where they would otherwise assign a
// global. Declarations in nested scopes shadow it as they would shadow the import.
function readOnlyImports(locals) {
  return locals.length === 0 ? "" : `const ${locals.map((name) => `${name} = void 0`).join(", ")}; `;
}

/** The source maps of a compiled module (outermost last), made on first use. */
export function sourceMapsOf(compiled) {
  compiled.maps ??= transformModule(compiled.path, compiled.source, { sourcemap: true }).maps;
  return compiled.maps;
}

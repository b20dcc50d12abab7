// Turns one source file into a module body the runtime can evaluate again and again: TypeScript
// and JSX are stripped first, then imports and exports are rewritten by oxc's module runner
// transform, and the result is wrapped in a generator whose first step instantiates the module
// (export getters, hoisted functions, imports) and whose second step evaluates its body.
import { checkNesting } from "./nesting.js";
import { moduleRunnerTransform, moduleRunnerTransformSync, transform, transformSync } from "oxc-transform";
import { SourceError } from "./source-error.js";
import { locationFromOffset } from "./source-location.js";
import { transformOptionsFor } from "./tsconfig.js";

const TYPESCRIPT_OR_JSX = /\.(?:[mc]?tsx?|jsx)$/;
const IMPORT_LINE =
  /^const (__vite_ssr_import_\d+__) = await __vite_ssr_import__\(("(?:[^"\\\n]|\\.)*")(?:, \{ importedNames: (\[(?:[^\]"]|"(?:[^"\\\n]|\\.)*")*\]) \})?\);$/gm;
const EXPORT_ALL_LINE = /^__vite_ssr_exportAll__\((__vite_ssr_import_\d+__)\);$/gm;
const EXPORT_GETTER =
  /^Object\.defineProperty\(__vite_ssr_exports__, ("(?:[^"\\\n]|\\.)*"), \{\n\tenumerable: true,\n\tconfigurable: true,\n\tget\(\) \{\n\t\treturn ([^\n]*);\n\t\}\n\}\);$/gm;
const IMPORT_REFERENCE = /^(__vite_ssr_import_\d+__)(?:\.([\w$]+))?$/;
// `export default function () {}` comes out as a const; the spec hoists it like any declaration.
const DEFAULT_FUNCTION = /^const __vite_ssr_export_default__ = (async )?function(\*?) ?\(/m;
// oxc leaves `def` unrewritten in `import def, * as ns from "x"`, so such imports are split first.
// Anchored at the start of a line (or after a semicolon) so text inside strings rarely matches.
const DEFAULT_AND_NAMESPACE =
  /(^|;)([ \t]*)import\s+([\w$]+)\s*,\s*\*\s*as\s+([\w$]+)\s+from\s*("[^"\n]*"|'[^'\n]*')/gm;
const AWAIT_TOKEN = /\bawait\b/;
const DEFAULT_LOCAL = "__vite_ssr_export_default__";

/** The parameters every wrapped module body receives, in order. */
export const BODY_PARAMETERS = [
  "__vite_ssr_exports__",
  "__vite_ssr_import__",
  "__vite_ssr_dynamic_import__",
  "__vite_ssr_exportAll__",
  "__vite_ssr_import_meta__",
];

/** A source file that does not parse; carries the original file's line and column. */
export class ModuleSyntaxError extends SourceError {}

function throwFirstError(errors, file, source) {
  const error = errors.find((e) => e.severity !== "Warning" && e.severity !== "Advice") ?? errors[0];
  const start = error.labels?.[0]?.start ?? 0;
  const { line, column } = locationFromOffset(source, start);
  throw new ModuleSyntaxError(error.message, file, line, column, error.codeframe);
}

function parseStringLiteral(literal) {
  return JSON.parse(literal);
}

/**
 * Reads the shape of a transformed module: its imports in source order, its star exports and
 * where each named export comes from.
 */
function describe(code) {
  const imports = [];
  const importsByVariable = new Map();
  for (const match of code.matchAll(IMPORT_LINE)) {
    const entry = {
      variable: match[1],
      specifier: parseStringLiteral(match[2]),
      importedNames: match[3] ? JSON.parse(match[3]) : null,
      end: match.index + match[0].length,
    };
    imports.push(entry);
    importsByVariable.set(entry.variable, entry);
  }
  const starExports = [];
  let lastImportEnd = imports.length > 0 ? imports[imports.length - 1].end : 0;
  for (const match of code.matchAll(EXPORT_ALL_LINE)) {
    starExports.push(importsByVariable.get(match[1]).specifier);
    lastImportEnd = Math.max(lastImportEnd, match.index + match[0].length);
  }
  const exports = [];
  let preludeEnd = 0;
  for (const match of code.matchAll(EXPORT_GETTER)) {
    const name = parseStringLiteral(match[1]);
    const reference = IMPORT_REFERENCE.exec(match[2]);
    const source = reference && importsByVariable.get(reference[1]);
    if (source) {
      exports.push(
        reference[2] === undefined
          ? { name, kind: "namespace", specifier: source.specifier }
          : { name, kind: "indirect", specifier: source.specifier, importName: reference[2] },
      );
    } else {
      exports.push({ name, kind: "local" });
    }
    preludeEnd = match.index + match[0].length;
  }
  return { imports, starExports, exports, splitAt: Math.max(lastImportEnd, preludeEnd) };
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
  let input = withoutHashbang(source);
  const maps = [];
  if (TYPESCRIPT_OR_JSX.test(file)) {
    const stripped = checked(transformSync(file, input, { ...transformOptionsFor(file), sourcemap }), file, source);
    input = stripped.code;
    maps.push(stripped.map);
  }
  const result = moduleRunnerTransformSync(file, splitDefaultAndNamespace(input), { sourcemap });
  maps.push(result.map);
  return shapeModule(checked(result, file, source), sourcemap ? maps : null);
}

/** transformModule without source maps, with oxc working on a libuv thread. */
export async function transformModuleAsync(file, source) {
  checkNesting(file, source);
  let input = withoutHashbang(source);
  if (TYPESCRIPT_OR_JSX.test(file)) {
    input = checked(await transform(file, input, { ...transformOptionsFor(file), sourcemap: false }), file, source).code;
  }
  const result = await moduleRunnerTransform(file, splitDefaultAndNamespace(input), { sourcemap: false });
  return shapeModule(checked(result, file, source), null);
}

// A `#!` line is only allowed at the very start of a script, not inside the function the body
// becomes; as a comment of the same length it keeps every position.
function withoutHashbang(source) {
  return source.startsWith("#!") ? `//${source.slice(2)}` : source;
}

function checked(result, file, source) {
  const errors = result.errors.filter((e) => e.severity === "Error" || !e.severity);
  if (errors.length > 0) throwFirstError(errors, file, source);
  return result;
}

function splitDefaultAndNamespace(code) {
  return code.replace(DEFAULT_AND_NAMESPACE, "$1$2import $3 from $5; import * as $4 from $5");
}

function shapeModule(result, maps) {
  const hoistedDefault = DEFAULT_FUNCTION.test(result.code);
  let code = result.code.replace(DEFAULT_FUNCTION, `$1function$2 ${DEFAULT_LOCAL}(`);
  const shape = describe(code);
  const head = code.slice(0, shape.splitAt).replaceAll(
    "= await __vite_ssr_import__(",
    "= __vite_ssr_import__(",
  );
  const body = code.slice(shape.splitAt);
  const mentionsAwait = AWAIT_TOKEN.test(body);
  // The `yield` goes at the end of the last import line so no line moves; with no imports and
  // no exports it goes on the wrapper's own line.
  const yieldInHeader = shape.splitAt === 0;
  code = yieldInHeader ? body : `${head} yield;${body}`;
  return {
    code,
    yieldInHeader,
    mentionsAwait,
    // An anonymous default export is named "default" (spec); the rewrite gave it a local name.
    anonymousDefault: code.includes(`${DEFAULT_LOCAL} =`) || hoistedDefault,
    hoistedDefault,
    imports: shape.imports.map(({ specifier, importedNames }) => ({ specifier, importedNames })),
    starExports: shape.starExports,
    exports: shape.exports,
    dynamicImports: result.dynamicDeps,
    maps,
  };
}

/** The source maps of a compiled module (outermost last), made on first use. */
export function sourceMapsOf(compiled) {
  compiled.maps ??= transformModule(compiled.path, compiled.source, { sourcemap: true }).maps;
  return compiled.maps;
}

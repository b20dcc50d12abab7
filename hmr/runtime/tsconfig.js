// The nearest tsconfig.json (its `extends` chain followed, also into packages, by get-tsconfig)
// decides how TypeScript and JSX are compiled, as tsc would: decorators, JSX runtime and import
// source, class field semantics and import elision. Read once per directory, forgotten when
// files change (forgetTsconfigs), so an edited tsconfig.json applies to the next update.
import { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
let getTsconfig = null;

// Targets before ES2022 make TypeScript's useDefineForClassFields default false.
const PRE_ES2022_TARGET = /^es(?:3|5|6|2015|2016|2017|2018|2019|2020|2021)$/i;

/** Directory -> transform options. */
const optionsByDirectory = new Map();
/** get-tsconfig's own cache of found and parsed files. */
let fileCache = new Map();

/** Forgets every tsconfig read (a file changed; the next transform reads them again). */
export function forgetTsconfigs() {
  optionsByDirectory.clear();
  fileCache = new Map();
}

/**
 * The oxc-transform options for compiling `file` (TypeScript or JSX) to an ES module, from the
 * nearest tsconfig.json above it. Throws an Error naming the tsconfig when it cannot be read.
 * @returns {import("oxc-transform").TransformOptions}
 */
export function transformOptionsFor(file) {
  const directory = dirname(file);
  let options = optionsByDirectory.get(directory);
  if (options === undefined) {
    options = optionsFrom(readCompilerOptions(directory));
    optionsByDirectory.set(directory, options);
  }
  return options;
}

function readCompilerOptions(directory) {
  getTsconfig ??= require("get-tsconfig").getTsconfig;
  const found = getTsconfig(directory, "tsconfig.json", fileCache);
  return found?.config.compilerOptions ?? {};
}

/**
 * Maps tsconfig compilerOptions to oxc-transform options. The module is always an ES module
 * (so a `.tsx` file without imports gets an `import` of the JSX runtime, not a `require`).
 */
export function optionsFrom(compilerOptions) {
  const options = { sourceType: "module" };
  if (compilerOptions.experimentalDecorators === true) {
    options.decorator = { legacy: true, emitDecoratorMetadata: compilerOptions.emitDecoratorMetadata === true };
  }
  const jsx = jsxOptions(compilerOptions);
  if (jsx) options.jsx = jsx;
  const typescript = {};
  // verbatimModuleSyntax: an import is kept unless it says `type`; otherwise unused ones go.
  if (compilerOptions.verbatimModuleSyntax === true) typescript.onlyRemoveTypeImports = true;
  if (compilerOptions.jsxFactory) typescript.jsxPragma = compilerOptions.jsxFactory;
  if (compilerOptions.jsxFragmentFactory) typescript.jsxPragmaFrag = compilerOptions.jsxFragmentFactory;
  if (!usesDefineForClassFields(compilerOptions)) {
    // TypeScript's `useDefineForClassFields: false`: fields are assignments in the constructor
    // and fields without an initializer are types only.
    typescript.removeClassFieldsWithoutInitializer = true;
    options.assumptions = { setPublicClassFields: true };
  }
  if (Object.keys(typescript).length > 0) options.typescript = typescript;
  return options;
}

function usesDefineForClassFields(compilerOptions) {
  if (typeof compilerOptions.useDefineForClassFields === "boolean") return compilerOptions.useDefineForClassFields;
  const target = compilerOptions.target;
  return !(typeof target === "string" && PRE_ES2022_TARGET.test(target));
}

function jsxOptions(compilerOptions) {
  const mode = typeof compilerOptions.jsx === "string" ? compilerOptions.jsx.toLowerCase() : "";
  if (mode === "react") {
    // The classic runtime: calls of jsxFactory (React.createElement by default).
    return {
      runtime: "classic",
      ...(compilerOptions.jsxFactory ? { pragma: compilerOptions.jsxFactory } : {}),
      ...(compilerOptions.jsxFragmentFactory ? { pragmaFrag: compilerOptions.jsxFragmentFactory } : {}),
    };
  }
  // "react-jsx", "react-jsxdev", and "preserve"/"react-native" (which Node could not run as
  // they are) use the automatic runtime from jsxImportSource.
  if (mode === "" && !compilerOptions.jsxImportSource) return null;
  return {
    runtime: "automatic",
    development: mode === "react-jsxdev",
    ...(compilerOptions.jsxImportSource ? { importSource: compilerOptions.jsxImportSource } : {}),
  };
}

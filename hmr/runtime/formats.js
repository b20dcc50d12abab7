// Node's rules for a file's module format, so that the runtime takes over exactly the files Node
// would load as ES modules: `.mjs`/`.mts` are ESM, `.cjs`/`.cts` CommonJS, `.js`/`.ts` follow the
// nearest package.json's `type`, and without a `type` Node's syntax detection decides (the file
// is CommonJS unless it only parses with ES module syntax). `.jsx`/`.tsx` (which Node cannot
// load at all) are always ES modules here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compileFunction } from "node:vm";

const require = createRequire(import.meta.url);
let acorn = null;
let oxcTransform = null;

// The parameters of Node's CommonJS wrapper: a top-level `const require` clashes with them, which
// Node takes as a sign of an ES module (it then retries as one).
const WRAPPER_PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"];

/** @typedef {"module" | "commonjs" | "json" | "other"} Format */

/** Module formats of files, cached until forget(). */
export class Formats {
  #packageTypes = new Map();
  #detected = new Map();

  /** Forgets package.json types and detected formats (files changed). */
  forget() {
    this.#packageTypes.clear();
    this.#detected.clear();
  }

  /** Forgets the detected format of one file (its text changed). */
  forgetFile(path) {
    this.#detected.delete(path);
  }

  /**
   * The format Node gives `path`: "module", "commonjs", "json", or "other" (addons, WASM,
   * unknown extensions).
   * @returns {Format}
   */
  formatOf(path) {
    const dot = path.lastIndexOf(".");
    const extension = dot < 0 ? "" : path.slice(dot);
    switch (extension) {
      case ".mjs":
      case ".mts":
      case ".jsx":
      case ".tsx":
        return "module";
      case ".cjs":
      case ".cts":
        return "commonjs";
      case ".json":
        return "json";
      case ".js":
      case ".ts": {
        const type = this.packageType(dirname(path));
        if (type === "module") return "module";
        if (type === "commonjs") return "commonjs";
        return this.#detect(path, extension === ".ts");
      }
      default:
        return "other";
    }
  }

  /** The `type` of the nearest package.json above `directory` ("module", "commonjs" or ""). */
  packageType(directory) {
    const cached = this.#packageTypes.get(directory);
    if (cached !== undefined) return cached;
    let type = "";
    try {
      type = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")).type ?? "";
    } catch (error) {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") {
        const parent = dirname(directory);
        type = parent === directory ? "" : this.packageType(parent);
      }
      // A package.json that does not parse: Node fails on it too; no type here.
    }
    this.#packageTypes.set(directory, type);
    return type;
  }

  #detect(path, typescript) {
    let format = this.#detected.get(path);
    if (format === undefined) {
      let source = null;
      try {
        source = readFileSync(path, "utf8");
      } catch {
        // Missing or unreadable: Node reports that when it loads the file.
      }
      format = source === null ? "commonjs" : detectFormat(source, typescript ? path : null);
      this.#detected.set(path, format);
    }
    return format;
  }
}

/**
 * Node's syntax detection for a file without an explicit format: CommonJS, unless the text does
 * not compile as CommonJS and does as an ES module (import/export, import.meta, top-level
 * await, or a top-level `let`/`const`/`class` named like a CommonJS wrapper variable).
 * A TypeScript file (`typescriptPath`) is judged on its text with types removed, as Node does.
 */
export function detectFormat(source, typescriptPath = null) {
  let code = source;
  if (typescriptPath !== null) {
    oxcTransform ??= require("oxc-transform");
    const stripped = oxcTransform.transformSync(typescriptPath, source, {
      lang: "ts",
      sourceType: "unambiguous",
      typescript: { onlyRemoveTypeImports: true },
      // Decorators are not JavaScript yet (the parsers below reject them); legacy ones compile away.
      decorator: { legacy: true },
    });
    // A file that does not parse fails under Node either way; CommonJS is Node's default.
    if (stripped.errors.some((e) => e.severity === "Error" || !e.severity)) return "commonjs";
    code = stripped.code;
  }
  // As Node does: compile the text as the body of CommonJS's wrapper function (V8 only
  // pre-parses nested functions, so this is cheap); only when that fails is it parsed as a module.
  const body = code.startsWith("#!") ? `//${code.slice(2)}` : code;
  try {
    compileFunction(body, WRAPPER_PARAMETERS);
    return "commonjs";
  } catch (error) {
    if (!(error instanceof SyntaxError)) return "commonjs";
  }
  return parsesAsModule(code) ? "module" : "commonjs";
}

function parsesAsModule(code) {
  acorn ??= require("acorn");
  try {
    acorn.parse(code, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true });
    return true;
  } catch {
    return false;
  }
}

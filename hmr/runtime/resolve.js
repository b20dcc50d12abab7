// Resolves import specifiers the way Node does for the app's files (plus TypeScript's habits:
// `.js` naming a `.ts` file, tsconfig `paths`), and decides which files participate.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { basename, dirname, join, resolve as resolvePath, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Formats } from "./formats.js";
import { forgetTsconfigs } from "./tsconfig.js";

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const RELATIVE_WITH_EXTENSION = /^\.\.?\/[^?#]*\.(?:m?[jt]sx?|json|c[jt]s)$/;
// Lookups in one directory during one load before its listing is read instead (one readdir is
// cheaper than thousands of existence checks, dearer than a few).
const LOOKUPS_BEFORE_LISTING = 16;
const MISSING = 0;
const FILE = 1;
const LINK = 2;
const require = createRequire(import.meta.url);

/** The runtime's own directory: its files never participate. */
export const RUNTIME_DIRECTORY = dirname(fileURLToPath(import.meta.url));
const BUILTIN_MODULES = new Set(builtinModules);

const TRANSFORM_HELPERS = "@oxc-project/runtime/";

const helperUrls = new Map();
// require.resolve runs through the resolve hook, which asks here again.
let resolvingHelper = false;

/** The URL of a helper module oxc-transform's output imports, from the runtime's own packages. */
export function transformHelperUrl(specifier) {
  let url = helperUrls.get(specifier);
  if (url === undefined) {
    resolvingHelper = true;
    try {
      url = pathToFileURL(require.resolve(specifier)).href;
    } finally {
      resolvingHelper = false;
    }
    helperUrls.set(specifier, url);
  }
  return url;
}

/** Whether `specifier` names a helper of oxc-transform's output (to be found from here). */
export function isTransformHelper(specifier) {
  return !resolvingHelper && specifier.startsWith(TRANSFORM_HELPERS);
}

/**
 * An import that does not resolve, with Node's code, message and `url` where Node's are plain:
 * a missing file by its absolute path, a directory (which ES modules cannot import), a missing
 * package by its name. Anything else (a subpath a package does not export, say) keeps the
 * resolver's reason.
 */
class UnresolvedImportError extends Error {
  constructor(specifier, importer, reason) {
    const { code, message, url } = describeUnresolved(specifier, importer, reason);
    super(`${message} imported from ${importer}`);
    this.name = "Error";
    this.code = code;
    if (url) this.url = url;
    this.specifier = specifier;
  }
}

const PATH_LIKE = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|file:|[A-Za-z]:[\\/])/;

/** @returns {{ code: string, message: string, url?: string }} */
function describeUnresolved(specifier, importer, reason) {
  if (PATH_LIKE.test(specifier)) {
    let path = specifier.startsWith("file:") ? fileURLToPath(specifier) : resolvePath(dirname(importer), specifier);
    // Node keeps a trailing slash, which names a directory.
    if (/[\\/]$/.test(specifier) && !path.endsWith(sep)) path += sep;
    const url = pathToFileURL(path).href;
    if (path.endsWith(sep) || isDirectory(path)) {
      return { code: "ERR_UNSUPPORTED_DIR_IMPORT", message: `Directory import '${path}' is not supported resolving ES modules`, url };
    }
    return { code: "ERR_MODULE_NOT_FOUND", message: `Cannot find module '${path}'`, url };
  }
  const segments = specifier.split("/");
  const name = specifier.startsWith("@") ? segments.slice(0, 2).join("/") : segments[0];
  if (!specifier.startsWith("#") && !packageDirectoryExists(name, dirname(importer))) {
    return { code: "ERR_MODULE_NOT_FOUND", message: `Cannot find package '${name}'` };
  }
  return { code: "ERR_MODULE_NOT_FOUND", message: `Cannot find module '${specifier}'${reason ? ` (${reason})` : ""}` };
}

/** The query and fragment (`?v=2#x`) of a relative, absolute or file: specifier, or "". */
function urlSuffix(specifier) {
  if (!PATH_LIKE.test(specifier)) return "";
  const at = specifier.search(/[?#]/);
  return at < 0 ? "" : specifier.slice(at);
}

/** Whether `path` is a directory (false when nothing is there). */
export function isDirectory(path) {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** What is at `path`: MISSING, FILE (or a directory) or LINK; lstat, not stat, to see links. */
function kindOf(path) {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  return stats === undefined ? MISSING : stats.isSymbolicLink() ? LINK : FILE;
}

/** Whether a node_modules folder at or above `directory` holds the package `name`. */
function packageDirectoryExists(name, directory) {
  for (let dir = directory; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", name))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/** Resolves specifiers and classifies files as participating or external. */
export class Resolver {
  #resolver;
  #creatingResolver = false;
  #ignore;
  /** Node's format rules (formats.js). */
  formats = new Formats();
  #runtimeDirectory;
  /** During a load: directory -> lookups so far, or its entries (name -> FILE or LINK) once listed. */
  #listings = null;
  #loadDepth = 0;
  /** Directory -> its real path, for the fast path's files (cleared with the other caches). */
  #realDirectories = new Map();

  constructor(ignore, runtimeDirectory) {
    this.#ignore = ignore;
    this.#runtimeDirectory = runtimeDirectory;
  }

  // Made on first use: apps whose imports all name existing files exactly never load it.
  #oxcResolver() {
    if (this.#resolver) return this.#resolver;
    // Loading oxc-resolver runs its own require()s through the resolve hook, which may ask here.
    if (this.#creatingResolver) throw new Error("oxc-resolver is loading");
    this.#creatingResolver = true;
    try {
      this.#resolver = this.#createOxcResolver();
    } finally {
      this.#creatingResolver = false;
    }
    return this.#resolver;
  }

  #createOxcResolver() {
    return new (require("oxc-resolver").ResolverFactory)({
      conditionNames: ["node", "import", "module-sync", "default"],
      extensions: [".js", ".mjs", ".ts", ".mts", ".tsx", ".jsx", ".json", ".cjs", ".cts", ".node"],
      extensionAlias: {
        ".js": [".ts", ".tsx", ".js", ".jsx"],
        ".mjs": [".mts", ".mjs"],
        ".cjs": [".cts", ".cjs"],
        ".jsx": [".tsx", ".jsx"],
      },
      tsconfig: "auto",
      builtinModules: true,
    });
  }

  /**
   * Resolves `specifier` imported from the file `importer`. Returns { path } for a participating
   * file or { external: url } for anything Node loads itself.
   */
  resolve(specifier, importer) {
    // A query or fragment makes another instance of the same file, as in Node (a common way to
    // load a file afresh): Node loads it, under its whole URL.
    const suffix = urlSuffix(specifier);
    if (suffix) {
      const base = this.resolve(specifier.slice(0, -suffix.length), importer);
      const url = base.external ?? pathToFileURL(base.path).href;
      return { external: url.startsWith("file:") ? url + suffix : url };
    }
    if (specifier.startsWith("node:") || BUILTIN_MODULES.has(specifier)) {
      return { external: specifier.startsWith("node:") ? specifier : `node:${specifier}` };
    }
    if (specifier.startsWith("data:")) return { external: specifier };
    // Helpers the TypeScript transform imports (decorators) come with the runtime.
    if (specifier.startsWith(TRANSFORM_HELPERS)) return { external: transformHelperUrl(specifier) };
    const direct = this.#resolveRelativeFile(specifier, importer);
    if (direct) return direct;
    let target = specifier;
    // A URL's path is escaped (`%20`) and on Windows starts with `/C:/`; the resolver takes paths.
    if (specifier.startsWith("file:")) target = fileURLToPath(specifier);
    const result = this.#oxcResolver().resolveFileSync(importer, target);
    if (result.builtin) return { external: result.builtin.resolved };
    if (!result.path) {
      // oxc-resolver remembers misses; the file may be created before the next attempt.
      this.forgetCache();
      throw new UnresolvedImportError(specifier, importer, result.error);
    }
    if (this.participates(result.path)) return { path: result.path };
    return { external: pathToFileURL(result.path).href };
  }

  // Most imports of an app name an existing sibling file exactly ("./db.js"); one lookup settles
  // them. Anything else (a `.js` naming a `.ts` file, directories, aliases) goes to oxc-resolver.
  #resolveRelativeFile(specifier, importer) {
    if (!RELATIVE_WITH_EXTENSION.test(specifier)) return null;
    const path = this.#realFile(resolvePath(dirname(importer), specifier));
    if (path === null) return null;
    return this.participates(path) ? { path } : { external: pathToFileURL(path).href };
  }

  /**
   * The real path of a file, as Node names a module (symbolic links followed, so a file reached
   * through two links is one module), or null when it is not there.
   */
  #realFile(path) {
    const directory = dirname(path);
    const realDirectory = this.#realDirectory(directory);
    const real = realDirectory === directory ? path : join(realDirectory, basename(path));
    const kind = this.#entryKind(real);
    if (kind === MISSING) return null;
    if (kind === FILE) return real;
    try {
      return realpathSync(real);
    } catch {
      return null; // a link to nothing
    }
  }

  #realDirectory(directory) {
    let real = this.#realDirectories.get(directory);
    if (real === undefined) {
      try {
        real = realpathSync(directory);
      } catch {
        real = directory; // not there: the file lookup says so
      }
      this.#realDirectories.set(directory, real);
    }
    return real;
  }

  /**
   * Marks the start of a load (files read and resolved together); call endLoad() after it.
   * Within a load, a directory with many lookups is listed once instead.
   */
  beginLoad() {
    if (this.#loadDepth++ === 0) this.#listings = new Map();
  }

  endLoad() {
    if (--this.#loadDepth === 0) this.#listings = null;
  }

  /** Whether `path` is missing, a file (or directory), or a symbolic link. */
  #entryKind(path) {
    if (this.#listings === null) return kindOf(path);
    const directory = dirname(path);
    const listing = this.#listings.get(directory) ?? 0;
    if (typeof listing === "number") {
      if (listing < LOOKUPS_BEFORE_LISTING) {
        this.#listings.set(directory, listing + 1);
        return kindOf(path);
      }
      let entries = null;
      try {
        entries = new Map(readdirSync(directory, { withFileTypes: true }).map((entry) => [entry.name, entry.isSymbolicLink() ? LINK : FILE]));
      } catch {
        // Unreadable directory: keep asking file by file.
      }
      this.#listings.set(directory, entries ?? -Infinity);
      return entries ? entries.get(basename(path)) ?? MISSING : kindOf(path);
    }
    return listing.get(basename(path)) ?? MISSING;
  }

  /** Forgets what the file system looked like (files, package.json, tsconfig): they changed. */
  forgetCache() {
    this.#resolver?.clearCache();
    this.formats.forget();
    forgetTsconfigs();
    this.#listings?.clear();
    this.#realDirectories.clear();
  }

  /**
   * Whether the runtime loads `path` itself (see SEMANTICS.md, "Participating modules"): the ES
   * modules and JSON files of the app, by Node's format rules.
   */
  participates(path) {
    if (NODE_MODULES.test(path)) return false;
    if (this.#runtimeDirectory && path.startsWith(this.#runtimeDirectory + sep)) return false;
    if (this.#ignore && this.#ignore.test(path)) return false;
    const format = this.formats.formatOf(path);
    return format === "module" || format === "json";
  }

  /** Whether `path` is an app file (not ignored, not a package's) that Node loads as CommonJS. */
  isAppCommonJs(path) {
    if (NODE_MODULES.test(path) || (this.#ignore && this.#ignore.test(path))) return false;
    if (this.#runtimeDirectory && path.startsWith(this.#runtimeDirectory + sep)) return false;
    return this.formats.formatOf(path) === "commonjs";
  }

  /** The `type` of the nearest package.json above `directory` ("module", "commonjs" or ""). */
  packageType(directory) {
    return this.formats.packageType(directory);
  }
}

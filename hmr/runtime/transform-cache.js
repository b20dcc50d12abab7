// A disk cache of transform output, so that a start-up after the first one reads each module's
// transformed body and tables instead of parsing and transforming it again (issue 16). One file
// per project and runtime holds every entry (one read at start-up, not one per module), keyed by
// a hash of the module's source and the kind of file. The name of that file carries a hash of
// the runtime's transform code and its compilers' versions (oxc, Babel), so another version of
// the runtime (or an edited one) never reads entries it did not make; the key of a TypeScript or
// JSX file also holds its tsconfig-derived options. Only successful transforms are stored: a
// file with a syntax error is transformed again and reports its error each time. The cache serves start-up
// only (loader.js asks only for files loaded for the first time): start-up is over when the
// cache has not been asked for SETTLE_MS (or the app exits first), and then the cache is
// written and let go, so a server edited a thousand times keeps neither the stored bodies nor a
// thousand new ones. Saving also writes V8's code caches of the bodies (code-cache.js), keyed
// like the bodies, in a file of their own per V8 version.
//
// Where: `node_modules/.cache/hotswap/` in the nearest directory at or above the working
// directory that has node_modules (where the app found hotswap), else `$XDG_CACHE_HOME/hotswap/`
// when that is set; else nowhere (no cache files strewn in the home directory by throwaway apps
// and tests). HOTSWAP_CACHE=0 turns it off. Any failure to read or write it only costs the
// cache, never a module.
import { hash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CodeCache } from "./code-cache.js";
import { TYPESCRIPT_OR_JSX } from "./transform.js";
import { transformOptionsFor } from "./tsconfig.js";

const FORMAT = 2;
const DAY = 24 * 60 * 60 * 1000;
// Entries no start-up has used for this long are dropped when the file is written again.
const KEEP_DAYS = 7;
// Start-up may load in several steps (more `--import`s, an entry that imports its routes).
const SETTLE_MS = 1000;
// The files whose code decides what a transform returns.
const TRANSFORM_CODE = [
  "transform.js", "module-shape.js", "module-edits.js", "export-writes.js", "import-attributes.js", "source-phase.js",
  "nesting.js", "tsconfig.js", "decorators.js", "transform-cache.js", "code-cache.js", "compile.js",
];
const COMPILER_PACKAGES = ["oxc-parser/package", "oxc-transform/package", "@babel/core/package.json", "@babel/plugin-proposal-decorators/package.json"];

/** A project's cache of transformModuleAsync results, loaded on first use. */
export class TransformCache {
  #path;
  /** @type {CodeCache | null} */
  #codes;
  #entries = null;
  #dirty = false;
  #timer = null;
  #today = Math.floor(Date.now() / DAY);

  /** @param {string | null} path the cache file, or null for no cache */
  constructor(path) {
    this.#path = path;
    this.#codes = path === null ? null : new CodeCache(codeCachePath(path));
  }

  /** The cache for the current process (cwd, environment, this runtime), or an inactive one. */
  static forProcess() {
    if (process.env.HOTSWAP_CACHE === "0") return new TransformCache(null);
    try {
      const cwd = process.cwd();
      const directory = cacheDirectory(cwd);
      if (directory === null) return new TransformCache(null);
      return new TransformCache(join(directory, `transforms-${shortHash(cwd)}-${runtimeKey()}.json`));
    } catch {
      return new TransformCache(null);
    }
  }

  /** The key of `source` of `file` in this cache, or null (no cache, or no tsconfig to read). */
  keyOf(file, source) {
    return this.#path === null ? null : keyOf(file, source);
  }

  /** The stored result under `key` (from keyOf), or undefined. */
  get(key) {
    if (this.#path === null || key === null) return undefined;
    this.#asked();
    const entry = this.#load().get(key);
    if (entry === undefined) return undefined;
    if (entry.day !== this.#today) {
      entry.day = this.#today;
      this.#dirty = true;
    }
    // Every compile owns its tables, as with a fresh transform: a second file of the same
    // source gets a copy.
    if (entry.given) return structuredClone(entry.value);
    entry.given = true;
    return entry.value;
  }

  /** Remembers `transformed` (a transformModuleAsync result without maps) under `key` and returns it. */
  set(key, transformed) {
    if (this.#path === null || key === null) return transformed;
    this.#load().set(key, { day: this.#today, value: { ...transformed, maps: null }, given: true });
    this.#dirty = true;
    return transformed;
  }

  /** The V8 code cache of the body `code` stored under `key` (code-cache.js), or null. */
  codeCacheFor(key, code) {
    if (this.#path === null || key === null || this.#codes === null) return null;
    return this.#codes.forBody(key, code);
  }

  // Saves once the cache has not been asked for SETTLE_MS, or at exit.
  #asked() {
    if (this.#timer === null) process.once("exit", () => this.save());
    else clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.save(), SETTLE_MS).unref();
  }

  /**
   * Writes the file when something changed (atomically: a temporary file, then a rename), then
   * lets the entries go: the cache is done with.
   */
  save() {
    clearTimeout(this.#timer ?? undefined);
    const path = this.#path;
    const stored = this.#entries;
    const codes = this.#codes;
    this.#path = null;
    this.#entries = null;
    this.#codes = null;
    if (path === null || stored === null) return;
    const kept = (entry) => entry !== undefined && this.#today - entry.day <= KEEP_DAYS;
    try {
      if (this.#dirty) {
        const entries = {};
        for (const [key, entry] of stored) if (kept(entry)) entries[key] = [entry.day, entry.value];
        writeAtomically(path, JSON.stringify({ format: FORMAT, entries }));
      }
      const code = codes.serialize((key) => kept(stored.get(key)));
      if (code !== null) writeAtomically(codeCachePath(path), code);
      if (this.#dirty) removeStaleFiles(dirname(path), path);
    } catch {
      // A cache that cannot be written is only slower.
    }
  }

  #load() {
    if (this.#entries !== null) return this.#entries;
    this.#entries = new Map();
    let stored;
    try {
      stored = JSON.parse(readFileSync(this.#path, "utf8"));
    } catch {
      return this.#entries;
    }
    if (stored?.format !== FORMAT || typeof stored.entries !== "object" || stored.entries === null) return this.#entries;
    // Written only by this runtime and atomically, but a hand-edited or damaged file must not
    // break a start-up: anything not shaped like an entry is left out.
    for (const [key, entry] of Object.entries(stored.entries)) {
      if (!Array.isArray(entry) || !isTransformed(entry[1])) continue;
      this.#entries.set(key, { day: Number(entry[0]) || 0, value: entry[1], given: false });
    }
    return this.#entries;
  }
}

// A temporary file, then a rename: a reader sees the old file or the new one, never half of one.
function writeAtomically(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

// The code caches' file: V8's caches are valid only for the V8 that made them.
function codeCachePath(path) {
  return `${path.slice(0, -".json".length)}-v8-${shortHash(process.versions.v8)}.bin`;
}

function isTransformed(value) {
  return (
    typeof value?.code === "string" &&
    Array.isArray(value.imports) &&
    Array.isArray(value.exports) &&
    Array.isArray(value.starExports) &&
    Array.isArray(value.dynamicImports)
  );
}

// The kind of file (its extension) and, for TypeScript and JSX, the tsconfig's options decide
// how it is stripped; the rest is the source. Null when the tsconfig cannot be read (the
// transform reports that).
function keyOf(file, source) {
  let options = "";
  if (TYPESCRIPT_OR_JSX.test(file)) {
    try {
      options = JSON.stringify(transformOptionsFor(file));
    } catch {
      return null;
    }
  }
  return hash("sha256", `${extname(file)}\0${options}\0${source}`, "base64url");
}

function cacheDirectory(cwd) {
  for (let directory = cwd; ; directory = dirname(directory)) {
    if (existsSync(join(directory, "node_modules"))) return join(directory, "node_modules", ".cache", "hotswap");
    if (dirname(directory) === directory) break;
  }
  return process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, "hotswap") : null;
}

function shortHash(text) {
  return hash("sha256", text, "hex").slice(0, 16);
}

// The runtime's transform code and its compilers' versions, read once per process.
function runtimeKey() {
  const here = dirname(fileURLToPath(import.meta.url));
  const require = createRequire(import.meta.url);
  const parts = TRANSFORM_CODE.map((name) => readFileSync(join(here, name), "utf8"));
  for (const name of COMPILER_PACKAGES) parts.push(require(name).version);
  parts.push(String(FORMAT));
  return shortHash(parts.join("\0"));
}

// Cache files of other runtimes for this project (their transforms and code caches), and of any
// project untouched for KEEP_DAYS, are left over. Code caches of other V8 versions for this
// runtime stay: a project may be started by two Node versions in turn.
function removeStaleFiles(directory, current) {
  const project = current.slice(0, current.lastIndexOf("-"));
  const runtime = current.slice(0, -".json".length);
  for (const name of readdirSync(directory)) {
    if (!name.startsWith("transforms-")) continue;
    const path = join(directory, name);
    try {
      const otherRuntime = path.startsWith(`${project}-`) && !path.startsWith(`${runtime}-`) && !path.endsWith(".tmp");
      const stale = otherRuntime || Date.now() - statSync(path).mtimeMs > KEEP_DAYS * DAY;
      if (path !== current && stale) unlinkSync(path);
    } catch {
      // Another process removed or replaced it.
    }
  }
}

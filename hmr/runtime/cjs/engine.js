// The app's CommonJS modules in the graph. Node's own CommonJS loader keeps loading them, so
// they behave exactly as under plain node; two small wrappers around it give each app module a
// `module.hot` (Module.prototype._compile, which every CommonJS load goes through, hooks or not)
// and record which app module required which (Module.prototype.require). Updates are applied
// by cjs/update.js through the runtime's update queue.
import Module, { isBuiltin } from "node:module";
import { realpathSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CjsHot, CjsHotState } from "./hot.js";
import { runCjsUpdate } from "./update.js";

const firstFrames = new WeakMap();

/** The first frame of `error`'s stack in an app CommonJS file: { file, line, column }, or undefined. */
export function firstCommonJsFrame(error) {
  if (error === null || typeof error !== "object") return undefined;
  void error.stack;
  return firstFrames.get(error);
}

/** One app CommonJS file in the graph; its `module` is the current version's Node Module. */
export class CjsRecord {
  constructor(path) {
    this.path = path;
    this.isEntry = false;
    /** @type {Module | null} */
    this.module = null;
    /** @type {CjsHotState | null} */
    this.hotState = null;
    /** The text and format the current version was compiled from (a rollback compiles it again). */
    this.source = null;
    this.format = undefined;
    /** App CommonJS modules whose current version required this one. @type {Set<CjsRecord>} */
    this.parents = new Set();
    /** @type {Set<CjsRecord>} */
    this.children = new Set();
    /** The specifier the current version first required each child by, for the graph. */
    this.specifiers = new Map();
    this.version = 0;
  }
}

/** The CommonJS side of the runtime: records, the loader wrappers, and updates. */
export class CjsEngine {
  /** @param {import("../runtime.js").Runtime} runtime */
  constructor(runtime) {
    this.runtime = runtime;
    /** @type {Map<string, CjsRecord>} */
    this.records = new Map();
    /** webpack's status() for every module.hot. */
    this.status = "idle";
    this.statusHandlers = new Set();
    /** path -> data for the next version's module.hot.data, filled by dispose handlers. */
    this.pendingData = new Map();
    /** path -> { source, format } compiled instead of the file's text (a rollback). */
    this.sourceOverrides = new Map();
    /** Records being evaluated by the running update (invalidate() then cancels their self-accept). */
    this.evaluating = new Set();
    /** Records whose self-accept the next update ignores (they invalidated while evaluating). */
    this.ignoreSelfAccept = new Set();
    /** path -> async reload: modules another hot system (hotswap/node-hmr) reloads itself. */
    this.external = new Map();
  }

  /**
   * Lets another hot system reload the module at `path` itself: an update that reaches it stops
   * there (a boundary), and `reload()` is awaited instead of loading it again. Returns the
   * function that ends this.
   */
  handleExternally(path, reload) {
    this.external.set(path, reload);
    // It may have been loaded outside Node's loader (a synthetic require): watch it anyway.
    this.runtime.watchFile?.(path);
    return () => {
      if (this.external.get(path) === reload) this.external.delete(path);
    };
  }

  /** Wraps Node's CommonJS loader; call once, before the app loads. */
  install() {
    const engine = this;
    const compile = Module.prototype._compile;
    Module.prototype._compile = function hotswapCompile(content, filename, format) {
      if (engine.participates(filename)) {
        const override = engine.sourceOverrides.get(filename);
        if (override) {
          content = override.source;
          format = override.format;
        }
        engine.beginVersion(this, filename, content, format);
      }
      return compile.call(this, content, filename, format);
    };
    // The first frame in an app CommonJS file, for the location of an error an update reports.
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = function hotswapCommonJsFrames(error, callSites) {
      if (error !== null && typeof error === "object" && !firstFrames.has(error)) {
        const site = callSites.find((callSite) => engine.records.has(callSite.getFileName?.()));
        if (site) firstFrames.set(error, { file: site.getFileName(), line: site.getLineNumber(), column: site.getColumnNumber() });
      }
      return previous ? previous.call(this, error, callSites) : `${error}${callSites.map((callSite) => `\n    at ${callSite}`).join("")}`;
    };
    const require = Module.prototype.require;
    Module.prototype.require = function hotswapRequire(id) {
      const exports = require.call(this, id);
      const parent = typeof this.filename === "string" ? engine.records.get(this.filename) : undefined;
      if (parent?.module === this && typeof id === "string" && !isBuiltin(id)) engine.noteRequire(parent, id);
      return exports;
    };
  }

  /** Whether `path` is an app CommonJS file (not under node_modules, not ignored). */
  participates(path) {
    return typeof path === "string" && this.runtime.resolver.isAppCommonJs(path);
  }

  /** A new version of `path` is about to run in `module`: its registrations start empty. */
  beginVersion(module, path, source, format) {
    let record = this.records.get(path);
    if (!record) {
      record = new CjsRecord(path);
      this.records.set(path, record);
      if (!this.runtime.entry && !this.hasEntry() && isMainScript(path)) record.isEntry = true;
    }
    for (const child of record.children) child.parents.delete(record);
    record.children.clear();
    record.specifiers.clear();
    record.module = module;
    record.source = source;
    record.format = format;
    record.version += 1;
    record.hotState = new CjsHotState();
    const data = this.pendingData.get(path);
    this.pendingData.delete(path);
    const resolveForAccept = (specifier) => {
      try {
        return Module._resolveFilename(specifier, module, false);
      } catch {
        return null; // A dependency that does not resolve accepts nothing, as for import.meta.hot.
      }
    };
    module.hot = new CjsHot(record.hotState, resolveForAccept, this, record, data);
  }

  hasEntry() {
    for (const record of this.records.values()) if (record.isEntry) return true;
    return false;
  }

  /** Records the edge parent -> what `id` names, when that is an app CommonJS module. */
  noteRequire(parent, id) {
    let path;
    try {
      path = Module._resolveFilename(id, parent.module, false);
    } catch {
      return;
    }
    const child = this.records.get(path);
    if (!child || child === parent) return;
    parent.children.add(child);
    if (!parent.specifiers.has(child)) parent.specifiers.set(child, id);
    child.parents.add(parent);
  }

  /** Sets webpack's status and tells the status handlers. */
  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    for (const handler of this.statusHandlers) {
      try {
        handler(status);
      } catch (error) {
        this.runtime.messages.error(`A module.hot status handler threw: ${error?.message ?? error}`);
      }
    }
  }

  /** module.hot.invalidate(): during an update it gives up the self-accept, else it updates the module. */
  invalidate(record) {
    if (this.evaluating.has(record)) return;
    this.runtime.updates.request({ paths: [record.path], origin: "invalidate" });
  }

  /**
   * Applies the part of an update request that changes app CommonJS modules, and takes those
   * paths out of it. Returns the UpdateResult when nothing else is left to do, else null.
   */
  async update(request) {
    const paths = [...request.paths].filter((path) => this.records.get(path)?.module || this.#adoptImported(path) || this.#adoptExternal(path));
    if (paths.length === 0) return null;
    const result = await runCjsUpdate(this, request, paths);
    for (const path of paths) request.paths.delete(path);
    const rest = [...request.paths].some((path) => this.runtime.records.get(path)?.current || this.runtime.nodeLoaded.has(path));
    return result.type === "success" && rest ? null : result;
  }

  /** The app CommonJS module behind a file URL an ES module imports, or undefined. */
  recordOfUrl(url) {
    if (!url.startsWith("file:")) return undefined;
    const record = this.records.get(fileURLToPath(url));
    return record?.module ? record : undefined;
  }

  /** The path of the CommonJS entry, or null. */
  entryPath() {
    for (const record of this.records.values()) if (record.isEntry) return record.path;
    return null;
  }

  /** The CommonJS modules as PROTOCOL.md's graph describes modules. */
  describeModules() {
    const modules = [];
    for (const record of this.records.values()) {
      if (!record.module) continue;
      const state = record.hotState;
      modules.push({
        path: record.path,
        version: record.version,
        format: "commonjs",
        selfAccept: state.selfAccept,
        declined: state.declined,
        accepts: [...new Set(state.acceptDependencies.flatMap((entry) => entry.paths))],
        hasDispose: state.disposeHandlers.length > 0,
        hasPrune: false,
        imports: [...record.children].map((child) => ({ specifier: record.specifiers.get(child), path: child.path, dynamic: false, boundary: false })),
        importers: [...[...record.parents].map((parent) => parent.path), ...this.esImporters(record).map((importer) => importer.path)],
      });
    }
    return modules;
  }

  /**
   * An app CommonJS file that an ES module imports but that Node ran without _compile (Node 22
   * runs a CommonJS TypeScript file imported from ESM through its own translator): it joins
   * the graph now, with no registrations, so that its update walks to its ES importers.
   */
  #adoptImported(path) {
    if (!this.participates(path) || !this.runtime.nodeLoaded.has(path)) return false;
    const record = new CjsRecord(path);
    record.module = Module._cache[path] ?? null;
    record.hotState = new CjsHotState();
    if (this.esImporters(record).length === 0) return false;
    this.records.set(path, record);
    return true;
  }

  /**
   * A file that hotswap/node-hmr reloads itself but that Node's loader never compiled (its
   * synthetic require loaded it, through jiti say): it joins the graph with no registrations,
   * as a boundary, so that its edit is handed to node-hmr.
   */
  #adoptExternal(path) {
    if (!this.external.has(path)) return false;
    if (!this.records.has(path)) {
      const record = new CjsRecord(path);
      record.hotState = new CjsHotState();
      this.records.set(path, record);
    }
    return true;
  }

  /** Participating ES modules that import `record` (through Node's CommonJS translator). */
  esImporters(record) {
    const url = pathToFileURL(record.path).href;
    const importers = [];
    for (const esRecord of this.runtime.records.values()) {
      if (esRecord.current?.deps.some((dep) => dep.target.external && dep.target.url === url)) importers.push(esRecord);
    }
    return importers;
  }
}

// The script named on the command line is the entry.
function isMainScript(path) {
  const main = process.argv[1];
  if (!main) return false;
  try {
    return realpathSync(main) === path;
  } catch {
    return resolvePath(main) === path;
  }
}

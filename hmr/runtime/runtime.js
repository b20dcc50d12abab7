// The runtime's state and its entry points: loading the entry, dynamic import(), import.meta,
// invalidate(), the graph for drivers, and a queue that applies updates one at a time.
import { dirname, join } from "node:path";
import { BoundaryGlobs } from "./boundary-globs.js";
import { pathForDisplay, projectRootAbove } from "./display-path.js";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluate, instantiate } from "./evaluate.js";
import { EXTERNAL_HOT } from "./external-hot.js";
import { BOUNDARY, Hot, HotState } from "./hot.js";
import { Linker } from "./link.js";
import { describeGraph } from "./graph.js";
import { createImportMeta } from "./import-meta.js";
import { buildInstances } from "./loader.js";
import { ExternalModule, ModuleRecord } from "./module-record.js";
import { bindingsOf, namespaceBindings, namespaceFor, setNamespaceBindings } from "./namespace.js";
import { checkAttributes, importRequest } from "./import-request.js";
import { importedRecords } from "./propagate.js";
import { NodeLoadedFiles } from "./node-loaded.js";
import { Resolver, RUNTIME_DIRECTORY } from "./resolve.js";
import { describeSourceError, failStartup, isSourceError } from "./startup-errors.js";
import { UpdateQueue } from "./update-queue.js";
import { ignoreRejection, promiseThen } from "./primordials.js";
import { SOURCE_PHASE, importSource, noSourceObject } from "./source-phase.js";

/** Everything the runtime knows about the running app. */
export class Runtime {
  /**
   * @param {ReturnType<typeof import("./options.js").parseOptions>} options
   * @param {import("./messages.js").Messages} messages
   */
  constructor(options, messages) {
    this.options = options;
    this.messages = messages;
    this.resolver = new Resolver(options.ignore, RUNTIME_DIRECTORY);
    /** @type {Map<string, ModuleRecord>} */
    this.records = new Map();
    /** App files Node loads itself (CommonJS, require(esm)): their edits need a restart. */
    this.nodeLoaded = new NodeLoadedFiles();
    /** The app's CommonJS modules (cjs/engine.js), installed by register.js. @type {import("./cjs/engine.js").CjsEngine | null} */
    this.cjs = null;
    /** @type {Map<string, ExternalModule>} */
    this.externals = new Map();
    /** Participating modules Node itself loaded (the entry first); they have no importers. @type {Set<ModuleRecord>} */
    this.roots = new Set();
    /** Bumped whenever an edge or root changes: graphOrder() (propagate.js) is cached by it. */
    this.graphVersion = 0;
    this.graphOrderCache = null;
    /**
     * Edges removed since the last prune ([importer, target]); none means nothing to prune,
     * null that too many went to keep track of.
     */
    this.removedEdges = [];
    /** Records whose current instance has `export *`: their namespaces follow other modules. */
    this.starExporters = new Set();
    /** @type {ModuleRecord | null} */
    this.entry = null;
    /** The new instances link() is instantiating, whose namespaces their importers get. @type {Map<ModuleRecord, import("./module-record.js").ModuleInstance> | null} */
    this.linking = null;
    /** Set by the load hook (hooks.js) once Node's main script has been loaded. */
    this.entryClaimed = false;
    /** Set after a dispose handler threw: the app's state is unknown until a restart. @type {import("./update-result.js").ErrorLocation | null} */
    this.brokenReason = null;
    /** The phase that broke it ("dispose", "timeout", ...), with brokenReason. @type {import("./update-result.js").Phase | null} */
    this.brokenPhase = null;
    /** The control channel when a driver is attached. @type {Awaited<ReturnType<typeof import("./control.js").connectDriver>> | null} */
    this.driver = null;
    /** Files whose last update failed; they are retried with the next change. @type {Set<string>} */
    this.pendingPaths = new Set();
    /** The last syntax or link error told, so that a retry that fails alike stays quiet. @type {string | null} */
    this.lastLoadFailure = null;
    /** Instances being evaluated by the running update (invalidate() then cancels self-accept). @type {Set<import("./module-record.js").ModuleInstance>} */
    this.evaluatingInstances = new Set();
    this.updates = new UpdateQueue(this);
    /** Refreshers of the stubs through which external modules import participating ones. @type {Set<() => void>} */
    this.stubRefreshers = new Set();
    /** Called by module code after it wrote an exported binding (export-writes.js): the stubs follow. */
    this.exportWritten = (value) => {
      if (this.stubRefreshers.size > 0) for (const refresh of this.stubRefreshers) refresh();
      return value;
    };
    /**
     * Set by the file watcher: follows the directory of a file the runtime cares about.
     * @type {((path: string, options?: { retryIfNew?: boolean }) => void) | null}
     */
    this.watchFile = null;
    /** Where `[hot]` lines show paths from: the package.json directory above the first root. @type {string | null} */
    this.projectRoot = null;
    /** hot-hook's `hotHook.boundaries` from the package.json above the entry, if there is one. @type {BoundaryGlobs | null} */
    this.boundaryGlobs = null;
    /** What `import.meta.hot` is in ES modules Node loads itself that mention it (external-hot.js). */
    this.externalHot = EXTERNAL_HOT;
    /** Boundary globs given to hot-hook's `hot.init` (a matcher over paths), or null. @type {((path: string) => boolean) | null} */
    this.extraBoundaries = null;
    /** hot-hook's compatibility layer (hot-hook/session.js) when it is active. @type {import("./hot-hook/session.js").HotHookSession | null} */
    this.hotHook = null;
  }

  /** Reads hot-hook's boundaries from the package.json in `root` (the entry's project root). */
  readBoundaryGlobs(root) {
    this.boundaryGlobs = new BoundaryGlobs(join(root, "package.json"), {
      warn: (message) => this.messages.warn(message),
      display: (file) => this.displayPath(file),
    });
    this.watchFile?.(this.boundaryGlobs.path);
  }

  /** Reads the boundary globs again (package.json changed) and marks the dynamic edges anew. */
  reloadBoundaryGlobs() {
    if (!this.boundaryGlobs?.reload()) return;
    const patterns = this.boundaryGlobs.patterns;
    this.messages.info(`hot-hook boundaries from ${this.displayPath(this.boundaryGlobs.path)}: ${patterns.length > 0 ? patterns.join(", ") : "none"}.`);
    for (const record of this.records.values()) {
      for (const [target, edge] of record.current?.dynamicDeps ?? []) {
        edge.boundary = edge.explicit || this.isBoundaryPath(target.path);
      }
    }
  }

  /** Whether a dynamic import of `path` is a boundary by hot-hook's globs (package.json or hot.init). */
  isBoundaryPath(path) {
    return this.boundaryGlobs?.matches(path) === true || this.extraBoundaries?.(path) === true;
  }

  /** `path` as `[hot]` lines show it: relative to the project root, or absolute outside it. */
  displayPath(path) {
    return pathForDisplay(this.projectRoot ?? process.cwd(), path);
  }

  recordFor(path, created) {
    let record = this.records.get(path);
    if (!record) {
      record = new ModuleRecord(path, path.endsWith(".json") ? "json" : "module");
      this.records.set(path, record);
      created?.push(record);
    }
    return record;
  }

  /** Drops records that were created by a load that failed or was rolled back. */
  forget(records) {
    for (const record of records) {
      if (record.current === null) this.records.delete(record.path);
    }
  }

  external(url) {
    let target = this.externals.get(url);
    if (!target) {
      target = new ExternalModule(url, null);
      this.externals.set(url, target);
    }
    return target;
  }

  /** Loads an external module for a static import; with `attributes`, Node checks them too. */
  async loadExternal(target, importer, specifier, attributes = null) {
    const setNamespace = (namespace) => {
      target.namespace = namespace;
    };
    // An import with attributes asks Node each time (it checks them import by import).
    const loading = attributes
      ? promiseThen(import(target.url, { with: attributes }), setNamespace)
      : (target.loading ??= promiseThen(import(target.url), setNamespace));
    ignoreRejection(loading);
    try {
      await loading;
    } catch (error) {
      this.externals.delete(target.url);
      error.message = `${error.message} (imported as '${specifier}' from ${importer.path})`;
      throw error;
    }
  }

  /** Loads and evaluates a module Node asked for (the entry, or one an external module imports). */
  async importRoot(path, { entry = false } = {}) {
    const record = this.recordFor(path);
    if (entry) {
      record.isEntry = true;
      this.entry = record;
    }
    if (!this.roots.has(record)) {
      this.roots.add(record);
      this.graphVersion += 1;
    }
    // Imported by a module Node loads (the entry that called hot-hook's hot.init, a package):
    // a boundary when hot-hook's globs name it, as hot-hook would treat that dynamic import.
    if (!entry && this.isBoundaryPath(path)) record.nodeBoundary = true;
    // The entry's package.json directory is looked up once, for both of its uses.
    const root = entry || this.projectRoot === null ? projectRootAbove(dirname(path)) : null;
    this.projectRoot ??= root ?? dirname(path);
    if (entry && root) this.readBoundaryGlobs(root);
    await this.ensureLoaded(record);
    return record.namespace;
  }

  /** Loads `record` and its new dependencies if it has no instance yet, then evaluates it. */
  async ensureLoaded(record) {
    if (record.current === null) {
      record.loading ??= this.loadOnce(record);
      await record.loading;
    }
    await evaluate(record.current);
  }

  /** loadNew, then forgets the load in progress (record.loading), also when it fails. */
  async loadOnce(record) {
    try {
      await this.loadNew(record);
    } finally {
      record.loading = null;
    }
  }

  async loadNew(record) {
    const { pending, created } = await buildInstances(this, new Map([[record, null]]));
    try {
      this.link(pending, []);
    } catch (error) {
      this.forget(created);
      throw error;
    }
    for (const instance of pending.values()) this.commit(instance);
    for (const loaded of [record, ...created]) this.watchFile?.(loaded.path);
  }

  /**
   * Checks imports against exports for the new instances and for `alsoCheck` (current instances
   * that import updated modules), computes the namespace getters that commit() installs, and
   * instantiates the new instances. Throws ModuleLinkError.
   */
  link(pending, alsoCheck) {
    const linker = new Linker((record) => pending.get(record) ?? record.current);
    for (const instance of pending.values()) linker.check(instance);
    for (const instance of alsoCheck) linker.check(instance);
    this.hotHook?.checkStaticImports(pending.values());
    for (const instance of pending.values()) {
      // A module evaluated again from the same compiled code (an importer of a changed file)
      // exports the same names; without `export *` its getters, which read whatever instance
      // is current, are the ones installed already.
      const current = instance.record.current;
      const reuse = current?.compiled === instance.compiled && current.namespaceGetters && !(instance.compiled.starExports?.length > 0);
      instance.namespaceGetters = reuse ? current.namespaceGetters : linker.namespaceGetters(instance.record);
      // What the modules linked now import: a new view when the exported names change.
      instance.namespaceView = namespaceFor(instance.record.namespace, instance.namespaceGetters);
    }
    for (const record of this.starExporters) {
      const instance = record.current;
      if (!instance || pending.has(record) || !(instance.compiled.starExports?.length > 0)) continue;
      instance.namespaceGetters = linker.namespaceGetters(record);
    }
    this.linking = pending;
    try {
      for (const instance of pending.values()) this.instantiate(instance);
    } finally {
      this.linking = null;
    }
  }

  /** Checks imports against exports like link(), changing nothing (a load before a restart). */
  checkLinks(pending, alsoCheck) {
    const linker = new Linker((record) => pending.get(record) ?? record.current);
    for (const instance of pending.values()) linker.check(instance);
    for (const instance of alsoCheck) linker.check(instance);
  }

  instantiate(instance) {
    const record = instance.record;
    const state = new HotState();
    instance.hotState = state;
    instance.hotData = undefined;
    // A specifier that does not resolve names no dependency, so it accepts nothing.
    const resolveForAccept = (specifier) => {
      try {
        const resolution = this.resolver.resolve(specifier, record.path);
        return resolution.path ?? resolution.external;
      } catch {
        return null;
      }
    };
    const hot = new Hot(state, instance, resolveForAccept, this);
    instance.hot = hot;
    const importMeta = createImportMeta(record, hot, this.resolver);
    // Named imports read the bindings without the namespace's Proxy (see namespace.js).
    const importNamespace = (specifier, options) => {
      const target = instance.dependency(specifier);
      const namespace = this.linking?.get(target)?.namespaceView ?? target.namespace;
      return options?.importedNames ? bindingsOf(namespace) : namespace;
    };
    const dynamicImport = (specifier, options) => this.dynamicImport(instance, specifier, options);
    instantiate(instance, importNamespace, dynamicImport, importMeta, this.exportWritten);
  }

  /** Makes `instance` its record's current instance and follows its imports in the graph. */
  commit(instance) {
    const record = instance.record;
    const previous = record.current;
    // A new version that imports what the old one did leaves the graph's shape (and its cached
    // order) as it was: the usual edit.
    const before = previous ? importedRecords(previous) : null;
    const after = importedRecords(instance);
    const sameEdges = before !== null && before.length === after.length && before.every((target, index) => target === after[index]);
    if (sameEdges) {
      // The importer sets already hold this record; only the old version's listeners go.
      this.forgetListeners(previous);
      if (instance.compiled.starExports?.length > 0) this.starExporters.add(record);
    } else {
      if (previous) this.unlinkEdges(previous);
      this.linkEdges(instance);
    }
    record.current = instance;
    record.version = instance.version;
    instance.previousGetters = namespaceBindings(record.namespace);
    if (instance.namespaceView) record.namespace = instance.namespaceView;
    this.installNamespace(record, instance.namespaceGetters);
    return previous;
  }

  /** Makes `instance`'s record an importer of every participating module it imports. */
  linkEdges(instance) {
    for (const target of importedRecords(instance)) target.importers.add(instance.record);
    if (instance.compiled.starExports?.length > 0) this.starExporters.add(instance.record);
    this.graphVersion += 1;
  }

  /** Stops sending `[hot]` messages to the listeners `instance` registered. */
  forgetListeners(instance) {
    for (const listener of instance.hotState.messageListeners) this.messages.sinks.delete(listener);
  }

  unlinkEdges(instance) {
    this.forgetListeners(instance);
    for (const target of importedRecords(instance)) {
      target.importers.delete(instance.record);
      // Updates that keep failing never prune: past a bound, the next prune just walks.
      if (this.removedEdges !== null && this.removedEdges.length < 10_000) this.removedEdges.push([instance.record, target]);
      else this.removedEdges = null;
    }
    this.graphVersion += 1;
  }

  installNamespace(record, getters) {
    if (!getters) return;
    // Getters with the same signature read the same names from the current instance
    // (namespace.js): the namespace is already right, and redefining thousands of properties
    // per deep update is most of a commit.
    if (namespaceBindings(record.namespace)?.signature === getters.signature) return;
    record.namespace = namespaceFor(record.namespace, getters);
    setNamespaceBindings(record.namespace, getters);
  }

  /** Refreshes the namespaces of unchanged modules whose star exports may have changed. */
  refreshStarNamespaces(pending) {
    // Only star exports read other modules' names; other namespaces' getters read whatever
    // instance is current and need nothing.
    for (const record of [...this.starExporters]) {
      const instance = record.current;
      if (!instance || !(instance.compiled.starExports?.length > 0)) {
        if (this.records.get(record.path) !== record) this.starExporters.delete(record);
        continue;
      }
      if (pending.has(record) || !instance.namespaceGetters) continue;
      this.installNamespace(record, instance.namespaceGetters);
    }
  }

  /** The app's `import()`: resolves, loads what is new, and returns the live namespace. */
  async dynamicImport(instance, specifierValue, options) {
    if (options === SOURCE_PHASE) return this.sourcePhaseImport(instance, specifierValue);
    const { specifier, attributes } = importRequest(specifierValue, options);
    const resolution = this.resolver.resolve(specifier, instance.record.path);
    if (resolution.external) {
      // Node checks the attributes of what it loads itself.
      if (Object.keys(attributes).length > 0) return import(resolution.external, { with: attributes });
      const target = this.external(resolution.external);
      await this.loadExternal(target, instance.record, specifier);
      return target.namespace;
    }
    const path = resolution.path;
    checkAttributes(attributes, path.endsWith(".json") ? "json" : "module", this.fileUrl(path));
    // Loading is asynchronous in the spec: a module that import() names while the graph around it
    // is still evaluating runs after that evaluation, never in the middle of it.
    await undefined;
    const record = this.recordFor(path);
    // A boundary by `import.meta.hot?.boundary` stays one; one by hotHook.boundaries follows
    // package.json.
    const explicit = options === BOUNDARY || instance.dynamicDeps.get(record)?.explicit === true;
    const boundary = explicit || this.isBoundaryPath(record.path);
    if (!instance.dynamicDeps.has(record)) this.graphVersion += 1;
    instance.dynamicDeps.set(record, { specifier, explicit, boundary });
    if (instance.record.current === instance) record.importers.add(instance.record);
    await this.ensureLoaded(record);
    return record.namespace;
  }

  /** The app's `import.source()` (source-phase.js): Node's for what it loads, a SyntaxError for the app's modules. */
  async sourcePhaseImport(instance, specifierValue) {
    const { specifier } = importRequest(specifierValue, undefined);
    const resolution = this.resolver.resolve(specifier, instance.record.path);
    if (resolution.external) return importSource(resolution.external);
    throw noSourceObject(this.fileUrl(resolution.path));
  }

  fileUrl(path) {
    return pathToFileURL(path).href;
  }

  /**
   * import.meta.hot.invalidate(): during an update it cancels the module's self-accept (the
   * update then goes on to its importers); outside one the module is evaluated again as if its
   * file had changed, in place when it accepts itself.
   */
  invalidate(instance) {
    if (this.evaluatingInstances.has(instance)) return;
    if (instance.record.current !== instance) return;
    const request = () => this.updates.request({ paths: [], rerun: [instance.record], origin: "invalidate" });
    // While the module is still evaluating (top-level await at start-up), update it afterwards.
    if (instance.status === "evaluated") request();
    else promiseThen(evaluate(instance), request, () => {});
  }

  /** The Graph of PROTOCOL.md. */
  graph() {
    return describeGraph(this);
  }

  /** Runs the entry, then tells a driver that the app is ready. */
  async runEntry(path) {
    try {
      await this.importRoot(path, { entry: true });
    } catch (error) {
      if (isSourceError(error)) await failStartup(this, describeSourceError(error, (file) => this.displayPath(file)));
      throw error;
    }
    this.announceReady(path);
  }

  /**
   * Tells a driver that the entry has run: a participating entry once it evaluated, an entry
   * Node runs itself (CommonJS, ignored) once its synchronous part returned (see hooks.js).
   * `modules` counts the participating modules loaded by then.
   */
  announceReady(path) {
    this.driver?.notify("ready", {
      pid: process.pid,
      node: process.version,
      entry: path,
      modules: this.records.size,
      durationMs: Math.round(performance.now()),
    });
  }
}

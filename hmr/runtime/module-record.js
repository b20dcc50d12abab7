// The runtime's model of the module graph: a stable record per file and one instance per
// evaluated version of that file.
import { pathToFileURL } from "node:url";
import { createNamespace } from "./namespace.js";

// pathToFileURL is slow on Node 22; most paths need no escaping at all.
const PLAIN_PATH = /^\/[\w./-]*$/;

function fileUrlOf(path) {
  return PLAIN_PATH.test(path) ? `file://${path}` : pathToFileURL(path).href;
}

/** A participating file: its path, its live namespace and the instance currently running. */
export class ModuleRecord {
  constructor(path, format) {
    this.path = path;
    this.url = fileUrlOf(path);
    this.format = format;
    this.namespace = createNamespace();
    /** @type {ModuleInstance | null} */
    this.current = null;
    /** Importers of the current instance (records), static and dynamic. */
    this.importers = new Set();
    this.version = 0;
    this.isEntry = false;
    /** Node imports it itself and hot-hook's boundary globs name it (runtime.importRoot). */
    this.nodeBoundary = false;
    /** The file's modification time and size when it was last read, to notice touches. */
    this.stamp = "";
    /** How many distinct sources were compiled for this file (names their scripts). */
    this.compiles = 0;
    /** When the file was last read (Date.now()), for a watcher event with no stamp (loader.js). */
    this.readAt = 0;
    /** The load of its first instance while one runs (runtime.ensureLoaded). @type {Promise<void> | null} */
    this.loading = null;
  }
}

/** A module Node loads itself (builtin, package, CommonJS, ignored file); it never changes. */
export class ExternalModule {
  constructor(url, namespace) {
    this.url = url;
    this.namespace = namespace;
    this.external = true;
    /** The `import()` of the module while and after it runs (runtime.loadExternal). @type {Promise<void> | null} */
    this.loading = null;
  }
}

/** One version of a participating module, from compilation to disposal. */
export class ModuleInstance {
  /**
   * @param {ModuleRecord} record
   * @param {number} version
   * @param {any} compiled what transform.js's compile made of the source
   */
  constructor(record, version, compiled) {
    this.record = record;
    this.version = version;
    /** The compiled body and the tables from transform.js (shared by versions of one source). */
    this.compiled = compiled;
    /**
     * Static imports in source order: { specifier, importedNames, target }; a target is a
     * ModuleRecord or, when its `external` is true, an ExternalModule (left `any`: tsc does not
     * narrow the two classes by `external`).
     * @type {{ specifier: string, importedNames: string[] | null, target: any }[]}
     */
    this.deps = [];
    /**
     * Dynamic imports that actually ran: Map<record, { specifier, explicit, boundary }>.
     * @type {Map<ModuleRecord, { specifier: string, explicit: boolean, boundary: boolean }>}
     */
    this.dynamicDeps = new Map();
    this.exports = Object.create(null);
    /** The body's generator once linked (evaluate.js): its first step ran, the second evaluates. @type {Generator | null} */
    this.generator = null;
    /** @type {import("./hot.js").Hot | null} */
    this.hot = null;
    /** @type {"new" | "linked" | "evaluating" | "evaluating-async" | "evaluated"} */
    this.status = "new";
    /** @type {unknown} */
    this.evaluationError = undefined;
    this.hasTopLevelAwait = compiled.hasTopLevelAwait === true;
    // Fields of the spec's cyclic module evaluation.
    this.dfsIndex = 0;
    this.dfsAncestorIndex = 0;
    /** @type {ModuleInstance} */
    this.cycleRoot = this;
    this.asyncEvaluation = false;
    this.asyncEvaluationOrder = 0;
    /** @type {ModuleInstance[]} */
    this.asyncParentModules = [];
    this.pendingAsyncDependencies = 0;
    /** @type {PromiseWithResolvers<void> | null} */
    this.topLevelCapability = null;
    /** What `import.meta.hot` registered (hot.js), from runtime.instantiate on. @type {import("./hot.js").HotState | null} */
    this.hotState = null;
    /** The data its predecessor's dispose handlers left (`import.meta.hot.data`). */
    this.hotData = undefined;
    /** Its namespace's getters, from the linker (link.js), until it is committed. @type {Map<string, () => unknown> | null} */
    this.namespaceGetters = null;
    /** The record's namespace getters before this instance was committed, for a rollback. */
    this.previousGetters = null;
    /** The namespace its importers linked with it get (namespace.js: new when its names changed). */
    this.namespaceView = null;
  }

  /** The target of the static import written as `specifier`. */
  dependency(specifier) {
    for (const dep of this.deps) if (dep.specifier === specifier) return dep.target;
    return undefined;
  }

  /** Participating instances this one imports statically, for evaluation order. */
  requiredInstances() {
    const required = [];
    for (const dep of this.deps) if (!dep.target.external) required.push(dep.target.current);
    return required;
  }
}

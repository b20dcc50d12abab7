// `module.hot` for the app's CommonJS modules: webpack's API (accept, decline, dispose, data,
// invalidate, addDisposeHandler/removeDisposeHandler, status) over the same kind of
// registrations `import.meta.hot` keeps, so that handlers.js runs them with the same timeout.
import { Registration } from "../handlers.js";

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string "${value}"` : typeof value;
}

/** What one version of a CommonJS module registered about how it takes updates. */
export class CjsHotState {
  constructor() {
    this.selfAccept = false;
    /** Self-accept error handlers (webpack: called when the new version throws). @type {Registration[]} */
    this.errorHandlers = [];
    /** { paths, callback: Registration | null, errorHandler: Registration | null } in registration order. */
    this.acceptDependencies = [];
    this.declined = false;
    /** @type {Registration[]} */
    this.disposeHandlers = [];
    this.invalidated = false;
  }

  /** Whether this version accepts updates of the module at `path`. */
  acceptsPath(path) {
    return this.acceptDependencies.some((entry) => entry.paths.includes(path));
  }
}

/** The object a CommonJS module sees as `module.hot`. */
export class CjsHot {
  #state;
  #resolve;
  #engine;
  #record;

  /**
   * @param {CjsHotState} state
   * @param {(specifier: string) => string | null} resolve the path a specifier names, or null
   * @param {{ status: string, invalidate(record: object): void, statusHandlers: Set<Function> }} engine
   * @param {object} record the module's record in the CommonJS graph
   * @param {object | undefined} data what the previous version's dispose handlers filled
   */
  constructor(state, resolve, engine, record, data) {
    this.#state = state;
    this.#resolve = resolve;
    this.#engine = engine;
    this.#record = record;
    /** The object the previous version's dispose handlers filled, or undefined at first load. */
    this.data = data;
  }

  /**
   * accept() or accept(errorHandler): this module takes its own updates.
   * accept(dependencies, callback?, errorHandler?): updates of those dependencies stop here;
   * errorHandler(err, { moduleId, dependencyId }) is called when the callback throws.
   */
  accept(dependencies, callback, errorHandler) {
    if (dependencies === undefined || typeof dependencies === "function") {
      this.#state.selfAccept = true;
      if (dependencies) this.#state.errorHandlers.push(new Registration("accept", dependencies));
      return;
    }
    const specifiers = Array.isArray(dependencies) ? dependencies : [dependencies];
    for (const [index, specifier] of specifiers.entries()) {
      if (typeof specifier !== "string") {
        throw new TypeError(`module.hot.accept: dependencies[${index}] must be a string, got ${describe(specifier)}`);
      }
    }
    if (callback !== undefined && typeof callback !== "function") {
      throw new TypeError(`module.hot.accept: callback must be a function, got ${describe(callback)}`);
    }
    if (errorHandler !== undefined && typeof errorHandler !== "function") {
      throw new TypeError(`module.hot.accept: errorHandler must be a function, got ${describe(errorHandler)}`);
    }
    const paths = specifiers.map((specifier) => this.#resolve(specifier)).filter((path) => path !== null);
    const registration = callback ? new Registration("accept", callback) : null;
    this.#state.acceptDependencies.push({ paths, callback: registration, errorHandler: errorHandler ? new Registration("accept", errorHandler) : null });
  }

  /** This module (or, given dependencies, nothing more: webpack's form) can never be updated in place. */
  decline(dependencies) {
    if (dependencies === undefined) this.#state.declined = true;
  }

  /** `callback(data)` runs before this version is replaced or leaves the graph. */
  dispose(callback) {
    if (typeof callback !== "function") {
      throw new TypeError(`module.hot.dispose: callback must be a function, got ${describe(callback)}`);
    }
    this.#state.disposeHandlers.push(new Registration("dispose", callback));
  }

  /** webpack's other name for dispose(). */
  addDisposeHandler(callback) {
    this.dispose(callback);
  }

  /** Removes a handler given to dispose() or addDisposeHandler(). */
  removeDisposeHandler(callback) {
    const handlers = this.#state.disposeHandlers;
    const index = handlers.findLastIndex((registration) => registration.callback === callback);
    if (index >= 0) handlers.splice(index, 1);
  }

  /** Outside an update: updates this module as if its file changed. During one: gives up its self-accept. */
  invalidate() {
    this.#state.invalidated = true;
    this.#engine.invalidate(this.#record);
  }

  /** webpack's status: "idle", "dispose", "apply", "abort" or "fail". */
  status() {
    return this.#engine.status;
  }

  addStatusHandler(callback) {
    this.#engine.statusHandlers.add(callback);
  }

  removeStatusHandler(callback) {
    this.#engine.statusHandlers.delete(callback);
  }
}

// import.meta.hot: what a module instance registers about how it takes updates. The API follows
// dynohot's Hot class; bad arguments throw a TypeError that names them. Handlers are kept as
// Registrations (handlers.js) so that one that never settles can be reported where it was made.
import { Registration } from "./handlers.js";

/** Passed as `import("./x.js", import.meta.hot?.boundary)`, marks the import as a boundary. */
export const BOUNDARY = Object.freeze({ with: Object.freeze({ hot: "boundary" }) });

function expectFunction(value, name, method) {
  if (typeof value !== "function") {
    throw new TypeError(`import.meta.hot.${method}: ${name} must be a function, got ${describe(value)}`);
  }
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string "${value}"` : typeof value;
}

/** The registrations of one module instance, read by update.js. */
export class HotState {
  constructor() {
    this.selfAccept = false;
    /** @type {Registration[]} */
    this.selfAcceptCallbacks = [];
    /** Accepted dependencies in registration order: { paths, specifiers, isArray, callback }. */
    this.acceptDependencies = [];
    this.declined = false;
    /** @type {Registration[]} */
    this.disposeHandlers = [];
    /** @type {Registration[]} */
    this.pruneHandlers = [];
    /** Dispose and prune handlers together in registration order, for a module leaving the graph. */
    this.leaveHandlers = [];
    this.invalidated = false;
    this.messageListeners = new Set();
  }

  /** Whether this instance accepts updates of the module at `path`. */
  acceptsPath(path) {
    return this.acceptDependencies.some((entry) => entry.paths.includes(path));
  }
}

/** The object a module sees as `import.meta.hot` (and `import.meta.dynoHot`). */
export class Hot {
  #state;
  #resolve;
  #runtime;
  #instance;

  constructor(state, instance, resolve, runtime) {
    this.#state = state;
    this.#resolve = resolve;
    this.#runtime = runtime;
    this.#instance = instance;
  }

  /** The object the previous instance's dispose handlers filled, or undefined at first load. */
  get data() {
    return this.#instance.hotData;
  }

  /** Pass as the second argument of `import()` to make that import a boundary (hot-hook). */
  get boundary() {
    return BOUNDARY;
  }

  accept(specifierOrCallback, callback) {
    if (specifierOrCallback === undefined || typeof specifierOrCallback === "function") {
      if (callback !== undefined) {
        throw new TypeError("import.meta.hot.accept: a self-accept takes one callback, not two");
      }
      this.#state.selfAccept = true;
      if (specifierOrCallback) this.#state.selfAcceptCallbacks.push(new Registration("accept", specifierOrCallback));
      return;
    }
    const isArray = Array.isArray(specifierOrCallback);
    const specifiers = isArray ? specifierOrCallback : [specifierOrCallback];
    for (const [index, specifier] of specifiers.entries()) {
      if (typeof specifier !== "string") {
        const name = isArray ? `specifiers[${index}]` : "specifier";
        throw new TypeError(`import.meta.hot.accept: ${name} must be a string, got ${describe(specifier)}`);
      }
    }
    if (callback !== undefined) expectFunction(callback, "onUpdate", "accept");
    const paths = specifiers.map((specifier) => this.#resolve(specifier));
    const registration = callback && new Registration("accept", callback);
    this.#state.acceptDependencies.push({ paths, specifiers, isArray, callback: registration });
  }

  decline() {
    this.#state.declined = true;
  }

  dispose(onDispose) {
    expectFunction(onDispose, "onDispose", "dispose");
    const registration = new Registration("dispose", onDispose);
    this.#state.disposeHandlers.push(registration);
    this.#state.leaveHandlers.push(registration);
  }

  prune(onPrune) {
    expectFunction(onPrune, "onPrune", "prune");
    const registration = new Registration("prune", onPrune);
    this.#state.pruneHandlers.push(registration);
    this.#state.leaveHandlers.push(registration);
  }

  invalidate() {
    this.#state.invalidated = true;
    this.#runtime.invalidate(this.#instance);
  }

  on(event, callback) {
    if (event !== "message") {
      throw new TypeError(`import.meta.hot.on: event must be "message", got ${describe(event)}`);
    }
    expectFunction(callback, "callback", "on");
    const sink = (_level, message) => callback(message);
    this.#state.messageListeners.add(sink);
    this.#runtime.messages.sinks.add(sink);
    return () => {
      this.#state.messageListeners.delete(sink);
      this.#runtime.messages.sinks.delete(sink);
    };
  }
}

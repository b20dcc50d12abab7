// @upvotr/node-hmr's API (its README, version 3), as `hotswap/node-hmr`: modules export
// `hmr(persist, runner)`, an HMRRuntime imports them and re-runs their runner when their file
// changes, keeping persistent values, mutating `{ exports }` in place and falling back to the
// last good runner when a new one throws. It is CommonJS, as node-hmr is, so that it works the
// same under plain `node index.js` and under the hotswap runtime; under the runtime the file
// watching is the runtime's (cjs/engine.js), so an edit is one update, not a restart.
"use strict";

const { EventEmitter } = require("node:events");
const { watch } = require("node:fs");

let logging = false;
let warnings = true;
let reloadingDisabled = false;

/** Manages the values a module keeps across reloads (servers, compilers, runtimes). */
class PersistManager {
  /**
   * @param {() => object} [generate]
   * @param {(values: any) => unknown} [cleanup]
   */
  constructor(generate = () => ({}), cleanup = () => {}) {
    this._generate = generate;
    this._cleanup = cleanup;
  }

  generate() {
    return this._generate();
  }

  cleanup(values) {
    return this._cleanup(values);
  }
}

/** The main logic of a module: `run` returns its exports, `cleanup` undoes what it did. */
class Runner {
  constructor(run, cleanup = () => {}) {
    this.run = run;
    this.cleanup = cleanup;
  }
}

/** A Runner whose `run` returns a promise of the exports (awaited, not exported as a promise). */
class AsyncRunner extends Runner {}

/** Watches modules for changes; emits "update" with the id it was given. */
class Watcher extends EventEmitter {
  /**
   * @param {string} id
   * @returns {() => void} stops watching
   */
  // eslint-disable-next-line class-methods-use-this, no-unused-vars
  watch(id) {
    throw new Error("Watcher.watch must be implemented by a subclass");
  }
}

/** Never reports a change (node-hmr's way to disable reloading). */
class NoopWatcher extends Watcher {
  watch() {
    return () => {};
  }
}

const DEBOUNCE_MS = 100;

/** fs.watch with a short debounce; under the hotswap runtime, the runtime's own watching. */
class FSWatcher extends Watcher {
  constructor(require) {
    super();
    this.require = require;
  }

  watch(id) {
    const path = this.require.resolve(id);
    const engine = globalThis[Symbol.for("hotswap.runtime")]?.cjs;
    if (engine?.handleExternally) {
      const stop = engine.handleExternally(path, () => new Promise((resolve) => {
        this.emit("update", id, resolve);
      }));
      // fs.watch keeps the process alive while it watches; the runtime's watching does not.
      const keepAlive = setInterval(() => {}, 2 ** 30);
      return () => {
        clearInterval(keepAlive);
        stop();
      };
    }
    let timer = null;
    const watcher = watch(path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.emit("update", id), DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }
}

function isHmrModule(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    value.runner instanceof Runner &&
    (value.persist === null || value.persist === undefined || value.persist instanceof PersistManager)
  );
}

/** Imports HMR modules and reloads them when their watcher reports a change. */
class HMRRuntime extends EventEmitter {
  /**
   * @param {Watcher | false} watcher
   * @param {NodeJS.Require} require resolves ids and loads modules (see createSyntheticRequire)
   */
  constructor(watcher, require) {
    super();
    this.watcher = watcher || null;
    this.require = require;
    /** resolved path -> { id, handle, persistent, hasPersistent, persist, runner, exports, lastGood, stopWatching, loading } */
    this.modules = new Map();
    if (this.watcher) {
      this.watcher.on("update", (id, done) => {
        const path = this.require.resolve(id);
        const entry = this.modules.get(path);
        const reload = entry && !reloadingDisabled ? this._reload(path, entry) : Promise.resolve();
        reload.then(
          () => done?.(),
          (error) => {
            done?.();
            warn(`Reloading ${id} failed: ${error?.stack ?? error}`);
          },
        );
      });
    }
  }

  /** Enables or disables the "[HMR] updated" log lines (off by default). */
  static setLogging(log) {
    logging = Boolean(log);
  }

  /** Suppresses (true) or allows the warnings (a runner that threw, fell back). */
  static suppressWarnings(suppress) {
    warnings = !suppress;
  }

  /** Stops every runtime from reloading modules; cannot be undone. */
  static disableReloading() {
    reloadingDisabled = true;
  }

  /** Imports `id`; resolves with `{ exports }`, whose `exports` changes when the module reloads. */
  async import(id) {
    const path = this.require.resolve(id);
    let entry = this.modules.get(path);
    if (entry) {
      await entry.loading;
      return entry.handle;
    }
    entry = { id, handle: { exports: undefined }, persistent: undefined, hasPersistent: false, persist: null,
      runner: null, exports: undefined, lastGood: null, stopWatching: null, loading: null };
    this.modules.set(path, entry);
    entry.loading = this._load(path, entry, false);
    try {
      await entry.loading;
    } catch (error) {
      this.modules.delete(path);
      throw error;
    }
    if (this.watcher && !reloadingDisabled) entry.stopWatching = this.watcher.watch(id);
    return entry.handle;
  }

  /** Stops watching `id` (its next change is not reloaded). */
  unimport(id) {
    const path = this.require.resolve(id);
    const entry = this.modules.get(path);
    if (!entry) return;
    entry.stopWatching?.();
    this.modules.delete(path);
  }

  /** Stops watching every module this runtime imported. */
  closeAll() {
    for (const entry of this.modules.values()) entry.stopWatching?.();
    this.modules.clear();
  }

  _reload(path, entry) {
    entry.loading = (entry.loading ?? Promise.resolve()).catch(() => {}).then(() => this._load(path, entry, true));
    return entry.loading;
  }

  async _load(path, entry, isUpdate) {
    const cache = this.require.cache;
    if (cache && cache[path]) {
      forgetModule(cache, cache[path]);
      delete cache[path];
    }
    let mod;
    let loadError = null;
    try {
      mod = this.require(path);
      if (!isHmrModule(mod)) throw new TypeError(`${entry.id} does not export an HMR module (module.exports = hmr(persist, runner))`);
    } catch (error) {
      loadError = error;
    }
    if (loadError && !entry.lastGood) throw loadError;

    const previous = entry.runner;
    if (previous) await previous.cleanup(entry.persistent, entry.exports);
    if (!loadError) {
      const persist = mod.persist ?? null;
      if (!entry.hasPersistent) {
        entry.persistent = persist ? await persist.generate() : {};
        entry.hasPersistent = true;
        entry.persist = persist;
      } else if (mod.updatePersistientValues && persist) {
        if (entry.persist) await entry.persist.cleanup(entry.persistent);
        entry.persistent = await persist.generate();
        entry.persist = persist;
      }
    }
    const emitUpdate = () => this.emit("update", entry.id);
    const run = async (runner) => {
      const result = runner.run(entry.persistent, emitUpdate);
      return runner instanceof AsyncRunner ? await result : result;
    };
    let exports;
    let runner = loadError ? null : mod.runner;
    try {
      if (loadError) throw loadError;
      exports = await run(runner);
      entry.lastGood = runner;
    } catch (error) {
      if (!entry.lastGood || entry.lastGood === runner) throw error;
      warn(`${entry.id} threw (${error?.message ?? error}); running its last working version instead.`);
      runner = entry.lastGood;
      exports = await run(runner);
    }
    entry.runner = runner;
    entry.exports = exports;
    entry.handle.exports = exports;
    if (isUpdate) {
      if (logging) console.log(`[HMR] updated ${entry.id}`);
      this.emit("update", entry.id);
    }
  }
}

/**
 * Takes a version about to be loaded again out of its requirers' `module.children`, where Node
 * would otherwise keep it (and what it holds) alive beside the new version.
 */
function forgetModule(cache, old) {
  const requirers = new Set(Object.values(cache));
  if (old.parent) requirers.add(old.parent);
  for (const requirer of requirers) {
    const children = requirer?.children;
    if (!Array.isArray(children)) continue;
    for (let index = children.indexOf(old); index >= 0; index = children.indexOf(old)) children.splice(index, 1);
  }
}

function warn(message) {
  if (warnings) console.warn(`[HMR] ${message}`);
}

/** A module definition: persistent values (or null), a runner, and whether to regenerate the values. */
function createModule(persist, runner, forceUpdate = false) {
  // `hmr(createRunner(...))`, as the README's shortest example writes it: no persistent values.
  if (persist instanceof Runner && runner === undefined) return { persist: null, runner: persist, updatePersistientValues: false };
  return { persist, runner, updatePersistientValues: forceUpdate };
}

function createPersist(generate, cleanup) {
  return new PersistManager(generate, cleanup);
}

function createRunner(run, cleanup = () => {}, isAsync = false) {
  return isAsync ? new AsyncRunner(run, cleanup) : new Runner(run, cleanup);
}

/** node-hmr's argument order: the require first, the watcher second (FSWatcher by default). */
function createRuntime(require, watcher = new FSWatcher(require)) {
  return new HMRRuntime(watcher, require);
}

/** A require-like function over `require` (jiti, say) with `realRequire`'s cache and resolve. */
function createSyntheticRequire(require, realRequire, cache = realRequire.cache, resolve = realRequire.resolve) {
  const synthetic = (id) => require(id);
  synthetic.cache = cache;
  synthetic.resolve = resolve;
  synthetic.main = realRequire.main;
  synthetic.extensions = realRequire.extensions;
  return synthetic;
}

const hmr = createModule;
const synthetic = createSyntheticRequire;

module.exports = {
  AsyncRunner,
  FSWatcher,
  HMRRuntime,
  NoopWatcher,
  PersistManager,
  Runner,
  Watcher,
  createModule,
  createPersist,
  createRunner,
  createRuntime,
  createSyntheticRequire,
  hmr,
  synthetic,
};

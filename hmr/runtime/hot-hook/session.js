// hot-hook's behaviour around the runtime: its options (config.js), its `restart` globs, and its
// parent protocol over Node's IPC channel, which @hot-hook/runner and AdonisJS's dev server speak:
//   to the parent   { type: "hot-hook:full-reload", path, shouldBeReloadable }  (restart me)
//                   { type: "hot-hook:invalidated", paths }                      (paths[0] changed)
//   from the parent { type: "hot-hook:file-changed", path, action }             (watch: false)
// The app keeps running after asking for a full reload; the parent restarts it.
import { globMatcher, packageOptions, rootDirectoryOf, toPath, watchesItself } from "./config.js";
import { watchRestartFiles } from "./restart-watch.js";

const DEFAULT_RESTART = [".env"];

/** `options` with hot-hook's `ignore` globs added to the runtime's ignore expression. */
export function withHotHookIgnore(options, hotHook) {
  const ignored = globMatcher(rootDirectoryOf(hotHook), hotHook.ignore, "ignore");
  if (!ignored) return options;
  const own = options.ignore;
  return { ...options, ignore: { test: (path) => own?.test(path) === true || ignored(path) } };
}

/** hot-hook's state in one process, reachable as `runtime.hotHook`. */
export class HotHookSession {
  /** hot.init's options over the package.json's `hotHook`. */
  static optionsFor(initOptions, packageDefaults = packageOptions()) {
    return { ...packageDefaults, ...initOptions };
  }

  /** `init` are hot.init's options, if the app's hot.init started the runtime. */
  constructor(runtime, init = {}) {
    this.runtime = runtime;
    this.options = {};
    this.packageDefaults = packageOptions();
    const options = HotHookSession.optionsFor(init, this.packageDefaults);
    const folder = rootDirectoryOf(options);
    // package.json's boundaries are the runtime's own (boundary-globs.js, read again when the file
    // changes) once an entry ran through it; before that (hot.init started it) they count here.
    this.packageBoundaries = globMatcher(folder, this.packageDefaults.boundaries, "boundaries");
    this.initBoundaries = null;
    /** @type {(path: string) => boolean} */
    this.restartMatches = () => false;
    this.watch = watchesItself(options);
    this.rootDirectory = folder;
    this.stopWatching = null;
    this.started = false;
    runtime.hotHook = this;
    this.configure(init);
  }

  /** Applies options (again, when the app calls hot.init after `--import=hot-hook/register`). */
  configure(options) {
    this.options = { ...this.packageDefaults, ...this.options, ...options };
    const folder = rootDirectoryOf(this.options);
    this.rootDirectory = folder;
    if (options.boundaries !== undefined) this.initBoundaries = globMatcher(folder, options.boundaries, "boundaries");
    this.runtime.extraBoundaries = (path) =>
      this.initBoundaries?.(path) === true || (this.runtime.boundaryGlobs === null && this.packageBoundaries?.(path) === true);
    this.restartGlobs = this.options.restart ?? DEFAULT_RESTART;
    this.restartMatches = globMatcher(folder, this.restartGlobs, "restart") ?? (() => false);
    if (this.options.onFullReloadAsked !== undefined && typeof this.options.onFullReloadAsked !== "function") {
      throw new TypeError("hot-hook: onFullReloadAsked must be a function");
    }
    if (this.started && this.watch) this.watchRestartFiles();
  }

  /** The root file: hot.init's `root`, else the entry. */
  get root() {
    return toPath(this.options.root) ?? this.runtime.entry?.path ?? (process.argv[1] ? toPath(process.argv[1]) : null);
  }

  /**
   * With throwWhenBoundariesAreNotDynamicallyImported, a static import of a file that hot-hook's
   * boundary globs name fails the load, as in hot-hook (such a file could never be hot).
   */
  checkStaticImports(instances) {
    if (this.options.throwWhenBoundariesAreNotDynamicallyImported !== true) return;
    for (const instance of instances) {
      for (const dep of instance.deps) {
        if (dep.target.external || !this.runtime.isBoundaryPath(dep.target.path)) continue;
        const importer = this.runtime.displayPath(instance.record.path);
        throw new Error(`${importer} imports "${dep.specifier}" statically, but it is a hot-hook boundary: import it with \`await import("${dep.specifier}")\` so it can be hot (throwWhenBoundariesAreNotDynamicallyImported).`);
      }
    }
  }

  /** Starts the parent protocol and, when watching, the watcher of the `restart` files. */
  start() {
    this.started = true;
    this.runtime.updates.listeners.add((result) => this.afterUpdate(result));
    if (this.watch) {
      this.watchRestartFiles();
      return;
    }
    process.on("message", (/** @type {any} */ message) => {
      if (message?.type === "hot-hook:file-changed" && typeof message.path === "string") this.fileChanged(message.path, message.action);
    });
    // A crashed app must be able to exit: the parent, not the channel, keeps it alive.
    process.channel?.unref();
  }

  watchRestartFiles() {
    this.stopWatching?.();
    this.stopWatching = watchRestartFiles(this.rootDirectory, this.restartGlobs, this.restartMatches, (path) => this.fileChanged(path, "change"));
  }

  /** A file event, from the parent (watch: false) or the restart-file watcher. */
  fileChanged(path, action = "change") {
    const absolute = toPath(path);
    const runtime = this.runtime;
    if (this.restartMatches(absolute)) {
      runtime.messages.warn(`${runtime.displayPath(absolute)} changed and is a hot-hook restart file. ${this.canRestart() ? "Asking the parent to restart." : "A restart is needed."}`);
      this.fullReload(absolute, false);
      return;
    }
    const known = runtime.records.get(absolute)?.current || runtime.nodeLoaded.has(absolute) || absolute === runtime.boundaryGlobs?.path;
    if (known) {
      if (action === "unlink") runtime.messages.warn(`${runtime.displayPath(absolute)} was deleted; the running version stays until it comes back or nothing imports it.`);
      runtime.updates.request({ paths: [absolute], origin: "hot-hook" });
    } else if (runtime.pendingPaths.size > 0) {
      // A failed update waits for a fix: the missing file created, or a broken one repaired.
      runtime.updates.request({ paths: [], origin: "hot-hook" });
    }
  }

  canRestart() {
    return typeof process.send === "function" || typeof this.options.onFullReloadAsked === "function";
  }

  /** Tells the parent (and hot.init's onFullReloadAsked) that the app must restart. */
  fullReload(path, shouldBeReloadable) {
    if (process.connected) process.send({ type: "hot-hook:full-reload", path, shouldBeReloadable });
    this.options.onFullReloadAsked?.();
  }

  /** Turns an update's result into the parent protocol's message. */
  afterUpdate(result) {
    if (!this.started) return;
    switch (result.type) {
      case "success": {
        const changed = result.paths;
        const touched = [...new Set([...changed, ...result.loaded, ...result.reevaluated])];
        if (touched.length > 0 && result.reevaluated.length + result.loaded.length > 0 && process.connected) {
          process.send({ type: "hot-hook:invalidated", paths: touched });
        }
        break;
      }
      case "declined":
      case "unaccepted": {
        const path = result.paths[0] ?? result.chain?.[0];
        // hot-hook's "should be reloadable": a boundary file that was imported statically.
        this.fullReload(path, path !== undefined && this.runtime.isBoundaryPath(path));
        break;
      }
      case "evaluationError":
        // The app's state is unknown after a dispose handler failed, timed out or could not roll
        // back; an error in the new code itself keeps the old code running.
        if (result.phase !== "evaluate" && result.phase !== "accept") this.fullReload(result.paths[0] ?? result.error?.file, false);
        break;
      default:
        // Syntax and link errors: the old code keeps serving until the file is fixed.
        break;
    }
  }
}

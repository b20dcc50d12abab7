// `import { hot } from "hot-hook"` when Hotswap is installed under hot-hook's name
// (`"hot-hook": "npm:hotswap@…"`): hot.init, hot.dump, and the dispose/decline methods that
// hot-hook's own import.meta.hot calls. With `--import=hot-hook/register` the runtime is already
// running and hot.init only applies its options; without it hot.init starts the runtime, and
// files imported after it are hot.
import { isMainThread } from "node:worker_threads";
import { dumpGraph } from "./dump.js";

const RUNTIME = Symbol.for("hotswap.runtime");

function runtimeOrNull() {
  return globalThis[RUNTIME] ?? null;
}

/** hot-hook's `hot` object. */
export const hot = Object.freeze({
  /**
   * Applies hot-hook's options (see config.js), starting the runtime if no `--import` did.
   * @param {import("./config.js").HotHookOptions} [options]
   */
  async init(options = {}) {
    if (options === null || typeof options !== "object") throw new TypeError("hot.init: options must be an object");
    const running = runtimeOrNull();
    if (running) {
      running.hotHook?.configure(options);
      return;
    }
    if (!isMainThread) return;
    const [{ parseOptions }, { startRuntime }] = await Promise.all([import("../options.js"), import("../start.js")]);
    await startRuntime(parseOptions(new URL("../register.js", import.meta.url).href), options);
  },

  /** The module graph in hot-hook's shape (dump.js); [] before the runtime runs. */
  async dump() {
    const runtime = runtimeOrNull();
    if (!runtime) return [];
    return dumpGraph(runtime, runtime.hotHook?.root ?? null);
  },

  /** hot-hook's import.meta.hot.dispose calls this; with Hotswap, import.meta.hot.dispose is the runtime's own. */
  dispose(url, callback) {
    if (typeof callback !== "function") throw new TypeError("hot.dispose: callback must be a function");
    runtimeOrNull()?.messages.warn(`hot.dispose(${url}) is hot-hook's internal; use import.meta.hot.dispose in the module itself.`);
  },

  /** hot-hook's import.meta.hot.decline calls this; with Hotswap, import.meta.hot.decline is the runtime's own. */
  decline(url) {
    runtimeOrNull()?.messages.warn(`hot.decline(${url}) is hot-hook's internal; use import.meta.hot.decline in the module itself.`);
  },
});

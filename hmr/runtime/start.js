// Starting the runtime in the main thread: the runtime, the load hook and stack-trace mapping,
// then a driver (HOTSWAP_SOCKET), hot-hook's parent protocol (a parent that forked the app over
// IPC, see hot-hook/parent.js), or the runtime's own file watcher.
import { CjsEngine } from "./cjs/engine.js";
import { installHooks } from "./hooks.js";
import { HotHookSession, withHotHookIgnore } from "./hot-hook/session.js";
import { Messages } from "./messages.js";
import { Runtime } from "./runtime.js";
import { installStackTraces } from "./stack-traces.js";
import { watchLoadedFiles } from "./watch.js";

/** The runtime of this process, or null before startRuntime. */
export function currentRuntime() {
  return globalThis[Symbol.for("hotswap.runtime")] ?? null;
}

/**
 * Starts the runtime once per process (a second `--import`, or hot.init after
 * `--import=hot-hook/register`, finds it running) and returns it.
 * `hotHookOptions` are hot.init's, over package.json's `hotHook`.
 * @param {ReturnType<import("./options.js").parseOptions>} options
 * @param {import("./hot-hook/config.js").HotHookOptions} [hotHookOptions]
 */
export async function startRuntime(options, hotHookOptions = {}) {
  const running = currentRuntime();
  if (running) return running;
  const hotHook = HotHookSession.optionsFor(hotHookOptions);
  options = withHotHookIgnore(options, hotHook);
  const runtime = new Runtime(options, new Messages(options.silent));
  globalThis[Symbol.for("hotswap.runtime")] = runtime;

  installStackTraces();
  installHooks(runtime.resolver, runtime);
  // The app's CommonJS modules stay Node's, with module.hot and their require edges (cjs/).
  runtime.cjs = new CjsEngine(runtime);
  runtime.cjs.install();
  // hot.dump() and hot.init's boundaries work under a driver too; the parent protocol does not.
  const session = new HotHookSession(runtime, hotHookOptions);

  const socketPath = process.env.HOTSWAP_SOCKET;
  if (socketPath) {
    try {
      // Loaded only with a driver: node:net and node:readline cost ~10 ms of start-up.
      const { connectDriver } = await import("./control.js");
      await connectDriver(runtime, socketPath);
      return runtime;
    } catch (error) {
      runtime.messages.alert(`Cannot connect to the driver at ${socketPath} (${error.message}); watching files instead.`);
    }
  }
  if (session.watch) watchLoadedFiles(runtime);
  session.start();
  return runtime;
}

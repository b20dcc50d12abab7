// Orderly shutdown for a driver (PROTOCOL.md `shutdown`), in this order:
//   1. every module's dispose handlers run, importers before their dependencies and each
//      module's newest first, bounded by the timeout, so servers close and ports are free;
//   2. the driver gets its answer;
//   3. the app's own listeners of the signal the driver names (SIGTERM unless SIGINT) run, as
//      they would under a real signal, and the app ends on its own (the driver kills it after
//      its shutdown timeout); an app with no such listener ends at once with exit code 0.
import { runNewestFirst } from "./handlers.js";
import { postOrder } from "./propagate.js";
import { SafePromise, promiseRace } from "./primordials.js";

/** Signals whose listeners the app may have registered to stop itself. */
export const STOP_SIGNALS = new Set(["SIGTERM", "SIGINT"]);

/**
 * Runs every current instance's dispose handlers; gives up waiting after `timeoutMs`.
 * @param {import("./runtime.js").Runtime} runtime
 */
export async function shutdown(runtime, timeoutMs) {
  const disposeAll = async () => {
    for (const record of postOrder(runtime.roots).reverse()) {
      const instance = record.current;
      if (!instance) continue;
      try {
        await runNewestFirst(instance.hotState.disposeHandlers, [{}], Math.min(timeoutMs, runtime.options.handlerTimeoutMs), record.path);
      } catch (error) {
        runtime.messages.error(`A dispose handler of ${runtime.displayPath(record.path)} failed during shutdown: ${error?.message ?? error}`);
      }
    }
  };
  let timer;
  const timeout = new SafePromise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await promiseRace([disposeAll(), timeout]);
  clearTimeout(timer);
}

/**
 * Step 3: hands the stop to the app's own `process.on(signal)` listeners, or exits with 0 when
 * it has none (what Node does is die by the signal; the driver asked for a clean stop).
 */
export function handOverStop(signal) {
  if (process.listenerCount(signal) === 0) {
    process.exit(0);
    return;
  }
  process.emit(signal, signal);
}

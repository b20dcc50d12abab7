// Orderly shutdown for a driver: every module's dispose handlers run (importers first), bounded
// by a timeout, so servers close and ports are free before the process ends.
import { postOrder } from "./propagate.js";

/** Runs every current instance's dispose handlers; gives up waiting after `timeoutMs`. */
export async function shutdown(runtime, timeoutMs) {
  const disposeAll = async () => {
    for (const record of postOrder(runtime.roots).reverse()) {
      const instance = record.current;
      if (!instance) continue;
      const data = {};
      for (const handler of instance.hotState.disposeHandlers) {
        try {
          await handler(data);
        } catch (error) {
          runtime.messages.error(`A dispose handler of ${runtime.displayPath(record.path)} threw during shutdown: ${error?.message ?? error}`);
        }
      }
    }
  };
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([disposeAll(), timeout]);
  clearTimeout(timer);
}

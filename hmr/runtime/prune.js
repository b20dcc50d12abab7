// Step 6 of an update: modules that no root reaches any more leave the graph, after their
// dispose and prune handlers ran together, newest first (dynohot's order).
import { HandlerTimeoutError, runNewestFirst } from "./handlers.js";
import { postOrder } from "./propagate.js";
import { forgetScripts } from "./stack-traces.js";

/**
 * Disposes and prunes modules that no root reaches any more. A handler that throws is reported
 * and the module leaves anyway; one that never settles throws HandlerTimeoutError (the update
 * cannot finish).
 * @param {import("./runtime.js").Runtime} runtime
 */
export async function prune(runtime) {
  // Reachability only shrinks when an edge went away: when every edge removed since the last
  // prune is back (new versions import what the old ones did), no walk of the graph is needed.
  const removed = runtime.removedEdges;
  runtime.removedEdges = [];
  if (removed !== null && removed.every(([importer, target]) => importer.current && target.importers.has(importer))) return;
  const reachable = new Set(postOrder(runtime.roots));
  for (const record of [...runtime.records.values()]) {
    if (reachable.has(record) || !record.current) continue;
    const instance = record.current;
    try {
      // A dispose handler gets a data object (no one reads it); a prune handler nothing.
      const data = {};
      const handlers = instance.hotState.leaveHandlers;
      for (let index = handlers.length - 1; index >= 0; index -= 1) {
        const registration = handlers[index];
        await runNewestFirst([registration], registration.kind === "dispose" ? [data] : [], runtime.options.handlerTimeoutMs, record.path);
      }
    } catch (error) {
      if (error instanceof HandlerTimeoutError) throw error;
      runtime.messages.error(`A prune handler of ${runtime.displayPath(record.path)} threw: ${error?.stack ?? error}`);
    }
    runtime.unlinkEdges(instance);
    record.current = null;
    runtime.records.delete(record.path);
    forgetScripts(record.path);
  }
}

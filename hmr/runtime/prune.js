// Step 6 of an update: modules that no root reaches any more leave the graph, after their
// dispose and prune handlers ran.
import { postOrder } from "./propagate.js";
import { forgetScripts } from "./stack-traces.js";

/** Disposes and prunes modules that no root reaches any more. */
export async function prune(runtime) {
  const reachable = new Set(postOrder(runtime.roots));
  for (const record of [...runtime.records.values()]) {
    if (reachable.has(record) || !record.current) continue;
    const instance = record.current;
    try {
      const data = {};
      for (const handler of instance.hotState.disposeHandlers) await handler(data);
      for (const handler of instance.hotState.pruneHandlers) await handler();
    } catch (error) {
      runtime.messages.error(`A prune handler of ${runtime.displayPath(record.path)} threw: ${error?.stack ?? error}`);
    }
    runtime.unlinkEdges(instance);
    record.current = null;
    runtime.records.delete(record.path);
    forgetScripts(record.path);
  }
}

// Step 4 of an update (SEMANTICS.md section 4): accept callbacks run top-down (importers nearer
// the entry first), in registration order, only those whose dependencies were updated, each
// awaited. A callback that throws stops its module's remaining callbacks and is returned; one
// that never settles is abandoned after the handler timeout (HandlerTimeoutError is thrown).
import { errorLocation } from "./error-location.js";
import { HandlerTimeoutError, runHandler } from "./handlers.js";
import { graphOrder } from "./propagate.js";

/**
 * Runs the accept callbacks of an applied update. `walk` is propagate()'s result, `pending` the
 * new instances by record, `previous` the replaced instances. Returns the failures as
 * { importer, location }.
 * @param {import("./runtime.js").Runtime} runtime
 */
export async function runAcceptCallbacks(runtime, walk, pending, previous) {
  const updated = new Set([...pending.keys()].map((record) => record.path));
  const jobs = [];
  for (const record of walk.selfBoundaries) {
    const old = previous.get(record);
    if (old) jobs.push({ importer: record, callbacks: old.hotState.selfAcceptCallbacks.map((callback) => [callback, [record.namespace]]) });
  }
  const importers = [...new Set(walk.acceptEdges.map((edge) => edge.importer))];
  for (const importer of importers) {
    const callbacks = [];
    for (const entry of importer.current.hotState.acceptDependencies) {
      if (!entry.callback || !entry.paths.some((path) => updated.has(path))) continue;
      const namespaces = entry.paths.map((path) => runtime.records.get(path)?.namespace);
      callbacks.push([entry.callback, [entry.isArray ? namespaces : namespaces[0]]]);
    }
    jobs.push({ importer, callbacks });
  }
  if (jobs.length > 1) {
    const depths = graphOrder(runtime).depth;
    const depthOf = (record) => depths.get(record) ?? Number.MAX_SAFE_INTEGER;
    jobs.sort((a, b) => depthOf(a.importer) - depthOf(b.importer));
  }
  const errors = [];
  const timeoutMs = runtime.options.handlerTimeoutMs;
  for (const job of jobs) {
    for (const [registration, args] of job.callbacks) {
      try {
        await runHandler(registration, args, timeoutMs, job.importer.path);
      } catch (error) {
        if (error instanceof HandlerTimeoutError) throw error;
        errors.push({ importer: job.importer, location: errorLocation(error, job.importer.path) });
        break;
      }
    }
  }
  return errors;
}

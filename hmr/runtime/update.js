// Applying an update (SEMANTICS.md sections 4 and 5): build and link every new version first,
// then dispose, swap, evaluate, roll back on an evaluation error, run accept callbacks top-down
// and prune what no longer belongs to the graph. Every outcome is an UpdateResult.
import { statSync } from "node:fs";
import { setTimeout } from "node:timers/promises";
import { errorLocation } from "./error-location.js";
import { evaluate } from "./evaluate.js";
import { buildInstances } from "./loader.js";
import { runAcceptCallbacks } from "./accept-callbacks.js";
import { postOrder, preOrder, propagate } from "./propagate.js";
import { prune } from "./prune.js";
import { report } from "./update-report.js";
import { ModuleSyntaxError } from "./transform.js";

/** Runs one (possibly merged) update request and returns its UpdateResult. */
export async function runUpdate(runtime, request) {
  const base = { paths: [...request.paths], durationMs: 0, ignored: [] };
  const finish = (result) => report(runtime, request, { ...base, ...result, durationMs: performance.now() - request.startedAt });
  // hot-hook's boundaries may have changed; they decide the walk below.
  if (runtime.boundaryGlobs && request.paths.has(runtime.boundaryGlobs.path)) runtime.reloadBoundaryGlobs();
  if (runtime.brokenReason) {
    return finish(failure("evaluationError", { phase: "dispose", error: runtime.brokenReason }));
  }
  // Files that changed on disk (requested, or still pending from a failed update) are read
  // again; modules that only invalidated themselves keep their compiled source.
  const fileChanges = new Set();
  for (const path of request.paths) {
    const record = runtime.records.get(path);
    if (record?.current) fileChanges.add(record);
    else base.ignored.push(path);
  }
  for (const path of runtime.pendingPaths) {
    const record = runtime.records.get(path);
    if (record?.current) fileChanges.add(record);
  }
  const invalidated = new Set([...request.invalidated].filter((record) => record.current));
  const changed = [...new Set([...fileChanges, ...invalidated])];
  if (changed.length === 0) return finish({ type: "success", loaded: [], reevaluated: [] });

  const walk = propagate(changed, invalidated);
  if (walk.type === "declined") {
    return finish({ type: "declined", declined: walk.declined.path, chain: walk.chain.map((r) => r.path), chainRecords: walk.chain });
  }
  if (walk.type === "unaccepted") {
    return finish({ type: "unaccepted", chain: walk.chain.map((r) => r.path), chainRecords: walk.chain });
  }

  // 1. Read, transform and link every new version before anything runs.
  await settleTruncatedFiles(fileChanges);
  runtime.resolver.forgetCache();
  const roots = new Map();
  for (const record of walk.reevaluate) {
    roots.set(record, fileChanges.has(record) ? null : record.current.compiled);
  }
  let built;
  try {
    built = await buildInstances(runtime, roots);
    const alsoCheck = [];
    for (const record of walk.reevaluate) {
      for (const importer of record.importers) {
        if (!built.pending.has(importer) && importer.current) alsoCheck.push(importer.current);
      }
    }
    runtime.link(built.pending, alsoCheck);
  } catch (error) {
    if (built) runtime.forget(built.created);
    for (const record of fileChanges) runtime.pendingPaths.add(record.path);
    // Anything else thrown while loading (an external package that fails to load) is a link error.
    const type = error instanceof ModuleSyntaxError ? "syntaxError" : "linkError";
    const location = errorLocation(error, changed[0].path);
    // A broken file the update meant to load for the first time, or a missing one, is watched
    // so that fixing or creating it retries.
    if (location.file) runtime.watchFile?.(location.file);
    if (error.missingPath) runtime.watchFile?.(error.missingPath, { retryIfNew: true });
    return finish(failure(type, { error: location }));
  }
  const { pending, created } = built;

  // 2. Dispose the old instances, importers before their dependencies (a walk of the whole
  // graph orders them; a lone module, the usual leaf edit, needs none).
  const replaced = [...walk.reevaluate].filter((record) => record.current);
  if (replaced.length > 1) {
    const rank = new Map(postOrder(runtime.roots).map((record, index) => [record, index]));
    replaced.sort((a, b) => (rank.get(a) ?? -1) - (rank.get(b) ?? -1)).reverse();
  }
  for (const record of replaced) {
    const data = {};
    pending.get(record).hotData = data;
    try {
      for (const handler of record.current.hotState.disposeHandlers) await handler(data);
    } catch (error) {
      runtime.forget(created);
      const location = errorLocation(error, record.path);
      runtime.brokenReason = location;
      return finish(failure("evaluationError", { phase: "dispose", error: location }));
    }
  }

  // 3. Swap in the new instances and evaluate them in spec order.
  const previous = new Map();
  for (const instance of pending.values()) previous.set(instance.record, runtime.commit(instance));
  runtime.refreshStarNamespaces(pending);
  for (const instance of pending.values()) runtime.evaluatingInstances.add(instance);
  const evaluationOrder = new Set(pending.size > 1 ? preOrder(runtime.roots).filter((record) => pending.has(record)) : []);
  for (const record of pending.keys()) evaluationOrder.add(record);
  try {
    for (const record of evaluationOrder) await evaluate(pending.get(record));
  } catch (error) {
    // Locate the error while the failed version's source map is still current.
    const location = errorLocation(error, changed[0].path);
    rollBack(runtime, pending, previous, created);
    for (const record of fileChanges) runtime.pendingPaths.add(record.path);
    return finish(failure("evaluationError", { phase: "evaluate", error: location }));
  } finally {
    for (const instance of pending.values()) runtime.evaluatingInstances.delete(instance);
  }
  // The stamps were taken when the files were read; a change seen since then stays a change.
  for (const record of fileChanges) runtime.pendingPaths.delete(record.path);
  for (const record of created) runtime.watchFile?.(record.path);

  // 4. Accept callbacks, importers nearer the entry first, in registration order.
  const acceptErrors = await runAcceptCallbacks(runtime, walk, pending, previous);
  // 5. Prune what no root reaches any more.
  await prune(runtime);

  const followUp = [...pending.values()].filter((instance) => instance.hotState.invalidated).map((i) => i.record);
  for (const failed of acceptErrors) followUp.push(failed.importer);
  if (followUp.length > 0) {
    runtime.updates.request({ paths: [], invalidated: followUp, origin: "invalidate" });
  }
  const loaded = created.filter((record) => record.current).map((record) => record.path);
  const reevaluated = [...previous.entries()].filter(([, old]) => old).map(([record]) => record.path);
  if (acceptErrors.length > 0) {
    return finish(failure("evaluationError", { phase: "accept", error: acceptErrors[0].location }));
  }
  return finish({ type: "success", loaded, reevaluated });
}

const TRUNCATE_GRACE_MS = 50;
const TRUNCATE_POLL_MS = 2;

// Most editors and os.WriteFile truncate a file, then write it. A change seen in between reads
// an empty file that was not empty before: give the write a moment to land (a file that stays
// empty is read as it is).
async function settleTruncatedFiles(records) {
  const isTruncated = (record) =>
    record.current.compiled.source.length > 0 && statSync(record.path, { throwIfNoEntry: false })?.size === 0;
  let truncated = [...records].filter(isTruncated);
  for (let waited = 0; truncated.length > 0 && waited < TRUNCATE_GRACE_MS; waited += TRUNCATE_POLL_MS) {
    await setTimeout(TRUNCATE_POLL_MS);
    truncated = truncated.filter(isTruncated);
  }
}

function failure(type, fields) {
  return { type, ...fields };
}

function rollBack(runtime, pending, previous, created) {
  for (const [record, old] of previous) {
    const instance = pending.get(record);
    runtime.unlinkEdges(instance);
    if (old) {
      record.current = old;
      record.version = old.version;
      runtime.linkEdges(old);
      for (const listener of old.hotState.messageListeners) runtime.messages.sinks.add(listener);
      runtime.installNamespace(record, instance.previousGetters);
    } else {
      record.current = null;
    }
  }
  runtime.forget(created);
}

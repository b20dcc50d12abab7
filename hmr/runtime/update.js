// Applying an update (SEMANTICS.md sections 4 and 5): build and link every new version first,
// then dispose, swap, evaluate, roll back on an evaluation error (the last good versions are
// evaluated again), run accept callbacks top-down and prune what no longer belongs to the graph.
// Every outcome is an UpdateResult.
import { statSync } from "node:fs";
import { setTimeout } from "node:timers/promises";
import { errorLocation } from "./error-location.js";
import { evaluate } from "./evaluate.js";
import { HandlerTimeoutError, runNewestFirst } from "./handlers.js";
import { buildInstances } from "./loader.js";
import { runAcceptCallbacks } from "./accept-callbacks.js";
import { graphOrder, propagate, sortByRank } from "./propagate.js";
import { prune } from "./prune.js";
import { report } from "./update-report.js";
import { declined, evaluationError, loadError, success, unaccepted } from "./update-result.js";
import { ModuleSyntaxError } from "./transform.js";

// Files whose creation or change may fix a pending update (as in watch.js).
const SOURCE_FILE = /\.(?:[mc]?[jt]sx?|json)$/;

/** Runs one (possibly merged) update request and returns its UpdateResult. */
export async function runUpdate(runtime, request) {
  const base = { paths: [...request.paths], durationMs: 0, ignored: [] };
  const finish = (result) => report(runtime, request, { ...base, ...result, durationMs: performance.now() - request.startedAt });
  // hot-hook's boundaries may have changed; they decide the walk below.
  if (runtime.boundaryGlobs && request.paths.has(runtime.boundaryGlobs.path)) runtime.reloadBoundaryGlobs();
  if (runtime.brokenReason) {
    return finish(evaluationError(runtime.brokenPhase ?? "dispose", runtime.brokenReason));
  }
  // Files that changed on disk (requested, or still pending from a failed update) are read
  // again; modules that only invalidated themselves keep their compiled source.
  const fileChanges = new Set();
  for (const path of request.paths) {
    const record = runtime.records.get(path);
    if (record?.current) fileChanges.add(record);
    else base.ignored.push(path);
  }
  // Pending files are retried when a graph file or a source file changed (the missing file
  // created, say), or on an explicit retry (no paths); not for logs or data the app writes,
  // which would repeat the same error with every write.
  const retry = request.paths.size === 0 || fileChanges.size > 0 || [...request.paths].some((path) => SOURCE_FILE.test(path));
  const requested = fileChanges.size;
  if (retry) {
    for (const path of runtime.pendingPaths) {
      const record = runtime.records.get(path);
      if (record?.current) fileChanges.add(record);
    }
  }
  // Modules that invalidated themselves during an update give up their self-accept; those that
  // did outside one are evaluated again in place (rerun), as a changed file would be.
  const invalidated = new Set([...request.invalidated].filter((record) => record.current));
  const rerun = [...(request.rerun ?? [])].filter((record) => record.current);
  const changed = [...new Set([...fileChanges, ...invalidated, ...rerun])];
  if (changed.length === 0) return finish(success([], []));

  const walk = propagate(changed, invalidated);
  if (walk.type !== "hot") {
    // A restart must not start a version that cannot load: the old process keeps serving and
    // the error is reported until a save makes the changed files compile and link.
    const problem = await checkLoads(runtime, fileChanges, changed, requested === 0);
    if (problem) return finish(problem);
  }
  if (walk.type === "declined") {
    return finish(declined(walk.declined.path, walk.chain));
  }
  if (walk.type === "unaccepted") {
    return finish(unaccepted(walk.chain));
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
    runtime.link(built.pending, importersToCheck(walk.reevaluate, built.pending));
  } catch (error) {
    if (built) runtime.forget(built.created);
    return finish(loadFailure(runtime, error, fileChanges, changed, requested === 0));
  }
  const { pending, created } = built;
  const timeoutMs = runtime.options.handlerTimeoutMs;

  // 2. Dispose the old instances, importers before their dependencies (the graph's post-order
  // ranks them; a lone module, the usual leaf edit, needs none).
  let replaced = [...walk.reevaluate].filter((record) => record.current);
  if (replaced.length > 1) replaced = sortByRank(replaced, graphOrder(runtime).post).reverse();
  // Each instance's handlers run newest first; the data they fill goes to the next version,
  // or back to the same version should the update be rolled back.
  const disposed = new Map();
  for (const record of replaced) {
    const data = {};
    pending.get(record).hotData = data;
    disposed.set(record, data);
    const handlers = record.current.hotState.disposeHandlers;
    // Most modules have no handler: no await for them (thousands in a deep update).
    if (handlers.length === 0) continue;
    try {
      await runNewestFirst(handlers, [data], timeoutMs, record.path);
    } catch (error) {
      runtime.forget(created);
      return finish(brokenBy(runtime, error, record.path, "dispose"));
    }
  }

  // 3. Swap in the new instances and evaluate them in spec order.
  const previous = new Map();
  for (const instance of pending.values()) previous.set(instance.record, runtime.commit(instance));
  runtime.refreshStarNamespaces(pending);
  for (const instance of pending.values()) runtime.evaluatingInstances.add(instance);
  const evaluationOrder = new Set(pending.size > 1 ? inPreOrder(runtime, pending) : []);
  for (const record of pending.keys()) evaluationOrder.add(record);
  try {
    for (const record of evaluationOrder) await evaluated(pending.get(record));
  } catch (error) {
    // Locate the error while the failed version's source map is still current.
    const location = errorLocation(error, changed[0].path);
    for (const instance of pending.values()) runtime.evaluatingInstances.delete(instance);
    for (const record of fileChanges) runtime.pendingPaths.add(record.path);
    const stuck = await rollBack(runtime, pending, previous, created, disposed);
    if (stuck) return finish(stuck);
    return finish(evaluationError("evaluate", location));
  } finally {
    for (const instance of pending.values()) runtime.evaluatingInstances.delete(instance);
  }
  // The stamps were taken when the files were read; a change seen since then stays a change.
  for (const record of fileChanges) runtime.pendingPaths.delete(record.path);
  for (const record of created) runtime.watchFile?.(record.path);

  // 4. Accept callbacks, importers nearer the entry first, in registration order.
  let acceptErrors;
  try {
    acceptErrors = await runAcceptCallbacks(runtime, walk, pending, previous);
    // 5. Prune what no root reaches any more.
    await prune(runtime);
  } catch (error) {
    // Only a handler that never settled gets here: the update cannot finish.
    return finish(brokenBy(runtime, error, error.file ?? changed[0].path, "accept"));
  }

  const followUp = [...pending.values()].filter((instance) => instance.hotState.invalidated).map((i) => i.record);
  for (const failed of acceptErrors) followUp.push(failed.importer);
  if (followUp.length > 0) {
    runtime.updates.request({ paths: [], invalidated: followUp, origin: "invalidate" });
  }
  const loaded = created.filter((record) => record.current).map((record) => record.path);
  const reevaluated = [...previous.entries()].filter(([, old]) => old).map(([record]) => record.path);
  if (acceptErrors.length > 0) {
    return finish(evaluationError("accept", acceptErrors[0].location));
  }
  return finish(success(loaded, reevaluated));
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

/**
 * The records of `instances` (a Map by record) that the roots reach, in the order a depth-first
 * walk from the roots first reaches them (evaluating each with its dependencies first then
 * gives the spec's order); records no root reaches are left to the caller.
 */
function inPreOrder(runtime, instances) {
  const rank = graphOrder(runtime).pre;
  return sortByRank([...instances.keys()].filter((record) => rank.has(record)), rank);
}

/**
 * Evaluates `instance` (concurrent cycles, as updates do). Most instances finish synchronously
 * or were already evaluated as another's dependency: those are not awaited, which in a deep
 * update saves thousands of turns of the microtask queue.
 */
function evaluated(instance) {
  const promise = evaluate(instance, { concurrentCycles: true });
  // The promise is the cycle root's: it is settled only once the root is evaluated too.
  const root = instance.cycleRoot ?? instance;
  if (instance.status !== "evaluated" || root.status !== "evaluated") return promise;
  const error = root.evaluationError !== undefined ? root.evaluationError : instance.evaluationError;
  if (error !== undefined) throw error;
  return undefined;
}

/**
 * The update's modules and the importers that stay but import from them: their imports are
 * checked against the new versions' exports.
 */
function importersToCheck(records, pending) {
  // Once each: an entry that accepts hundreds of updated routes is checked once, not per route.
  const alsoCheck = new Set();
  for (const record of records) {
    for (const importer of record.importers) {
      if (!pending.has(importer) && importer.current) alsoCheck.add(importer.current);
    }
  }
  return [...alsoCheck];
}

/**
 * The syntaxError or linkError result of a load that failed; the files stay pending. A retry
 * of pending files only (`retryOnly`) that fails as the last one did is not told again.
 */
function loadFailure(runtime, error, fileChanges, changed, retryOnly) {
  for (const record of fileChanges) runtime.pendingPaths.add(record.path);
  // Anything else thrown while loading (an external package that fails to load) is a link error.
  const type = error instanceof ModuleSyntaxError ? "syntaxError" : "linkError";
  const location = errorLocation(error, changed[0].path);
  const key = `${type}:${location.file}:${location.line}:${location.column}:${location.message}`;
  const repeated = retryOnly && runtime.lastLoadFailure === key;
  runtime.lastLoadFailure = key;
  // A broken file the update meant to load for the first time, or a missing one, is watched
  // so that fixing or creating it retries.
  if (location.file) runtime.watchFile?.(location.file);
  if (error.missingPath) runtime.watchFile?.(error.missingPath, { retryIfNew: true });
  return loadError(type, location, repeated);
}

/**
 * Before a restart: reads, compiles and links the changed files (and new files they import)
 * without evaluating or committing anything. Returns the failure, or null when they load.
 */
async function checkLoads(runtime, fileChanges, changed, retryOnly) {
  if (fileChanges.size === 0) return null;
  await settleTruncatedFiles(fileChanges);
  runtime.resolver.forgetCache();
  let built;
  try {
    built = await buildInstances(runtime, new Map([...fileChanges].map((record) => [record, null])));
    runtime.checkLinks(built.pending, importersToCheck(fileChanges, built.pending));
  } catch (error) {
    return loadFailure(runtime, error, fileChanges, changed, retryOnly);
  } finally {
    if (built) {
      for (const record of built.created) record.current = null;
      runtime.forget(built.created);
    }
  }
  return null;
}

/**
 * A dispose, accept or prune handler threw or never settled: the app's state is unknown, so
 * updates are refused until a restart (a supervisor restarts at once).
 */
function brokenBy(runtime, error, file, phase) {
  const location = errorLocation(error, file);
  runtime.brokenReason = location;
  runtime.brokenPhase = error instanceof HandlerTimeoutError ? "timeout" : phase;
  return evaluationError(runtime.brokenPhase, location);
}

/**
 * Undoes an update whose evaluation threw. New versions that did evaluate are disposed (their
 * handlers write into the same data their predecessors filled) and new modules leave again;
 * then the last good versions are evaluated again, as new instances of their compiled code,
 * and `import.meta.hot.data` gives them what their dispose handlers handed over. Returns a
 * failure when the old versions cannot be brought back, else null.
 */
async function rollBack(runtime, pending, previous, created, disposed) {
  const timeoutMs = runtime.options.handlerTimeoutMs;
  for (const [record, instance] of pending) {
    if (instance.status !== "evaluated" || instance.evaluationError !== undefined) continue;
    const state = instance.hotState;
    const old = previous.get(record);
    try {
      if (old) await runNewestFirst(state.disposeHandlers, [disposed.get(record)], timeoutMs, record.path);
      else await runNewestFirst(state.leaveHandlers, [{}], timeoutMs, record.path);
    } catch (error) {
      if (error instanceof HandlerTimeoutError) return brokenBy(runtime, error, record.path, "dispose");
      runtime.messages.error(`A dispose handler of ${runtime.displayPath(record.path)} threw during the rollback: ${error?.message ?? error}`);
    }
  }
  const again = new Map();
  for (const [record, old] of previous) {
    const instance = pending.get(record);
    runtime.unlinkEdges(instance);
    if (old) {
      record.current = old;
      record.version = old.version;
      runtime.linkEdges(old);
      runtime.installNamespace(record, instance.previousGetters);
      again.set(record, old.compiled);
    } else {
      record.current = null;
    }
  }
  runtime.forget(created);
  if (again.size === 0) return null;
  try {
    const { pending: restored } = await buildInstances(runtime, again);
    runtime.link(restored, []);
    for (const instance of restored.values()) {
      instance.hotData = disposed.get(instance.record);
      runtime.commit(instance);
    }
    runtime.refreshStarNamespaces(restored);
    const order = new Set(restored.size > 1 ? inPreOrder(runtime, restored) : []);
    for (const record of restored.keys()) order.add(record);
    for (const record of order) await evaluated(restored.get(record));
  } catch (error) {
    return brokenBy(runtime, error, [...again.keys()][0].path, "rollback");
  }
  return null;
}

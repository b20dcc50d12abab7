// Updates of app CommonJS modules, by SEMANTICS.md's walk and order: a changed module goes up
// its requirers (and ES importers) to the modules that accept it; the old versions' dispose
// handlers run (importers first), their require.cache entries are replaced by new versions
// loaded by Node's own loader (dependencies first), accept callbacks run, and modules no longer
// required leave the cache. A version that throws is rolled back: the previous versions'
// source is compiled again. Every outcome is an UpdateResult, told by update-report.js.
import Module from "node:module";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { errorLocation as moduleErrorLocation } from "../error-location.js";
import { HandlerTimeoutError, runHandler, runNewestFirst } from "../handlers.js";
import { propagate as propagateModules } from "../propagate.js";
import { runUpdate } from "../update.js";
import { report } from "../update-report.js";
import { declined, evaluationError, loadError, success, unaccepted } from "../update-result.js";
import { pathToFileURL } from "node:url";
import { firstCommonJsFrame } from "./engine.js";

const require = createRequire(import.meta.url);
const PLAIN_JAVASCRIPT = /\.c?js$/;

/** Applies the changes of `paths` (app CommonJS files) and returns the UpdateResult. */
export async function runCjsUpdate(engine, request, paths) {
  const runtime = engine.runtime;
  const base = { paths, durationMs: 0, ignored: [] };
  const finish = (result) => report(runtime, request, { ...base, ...result, durationMs: performance.now() - request.startedAt });
  if (runtime.brokenReason) {
    return finish(evaluationError(runtime.brokenPhase ?? "dispose", runtime.brokenReason));
  }
  const changed = paths.map((path) => engine.records.get(path));
  const ignoreSelfAccept = new Set(engine.ignoreSelfAccept);
  engine.ignoreSelfAccept.clear();
  const walk = propagate(engine, changed, ignoreSelfAccept);
  // Nothing restarts, and nothing is applied, for a change that does not parse.
  const syntaxError = checkSyntax(changed);
  if (syntaxError) {
    for (const record of changed) runtime.pendingPaths.add(record.path);
    return finish(loadError("syntaxError", syntaxError));
  }
  for (const record of changed) runtime.pendingPaths.delete(record.path);
  if (walk.type === "declined") {
    return finish(declined(walk.declined.path, walk.chain));
  }
  if (walk.type === "unaccepted") {
    return finish(unaccepted(walk.chain));
  }
  const timeoutMs = runtime.options.handlerTimeoutMs;
  // Dependencies before the modules that require them; modules another hot system reloads
  // (hotswap/node-hmr) are reloaded by it, after the others.
  const order = walk.order.filter((record) => !engine.external.has(record.path));
  const external = walk.order.filter((record) => engine.external.has(record.path));

  // 1. Dispose the old versions, requirers before what they require.
  engine.setStatus("dispose");
  const previous = new Map();
  for (const record of [...order].reverse()) {
    const data = {};
    previous.set(record, { module: record.module, source: record.source, format: record.format, children: [...record.children], data,
      hotState: record.hotState });
    try {
      await runNewestFirst(record.hotState.disposeHandlers, [data], timeoutMs, record.path);
    } catch (error) {
      engine.setStatus("fail");
      return finish(brokenBy(runtime, error, record.path, "dispose"));
    }
  }

  // 2. Take the old versions out of require.cache and load the new ones, dependencies first.
  engine.setStatus("apply");
  for (const record of order) forgetVersion(record);
  let loading = null;
  try {
    for (const record of order) {
      loading = record;
      loadAgain(engine, record, previous.get(record).data);
    }
  } catch (error) {
    const location = errorLocation(error, order[0].path);
    for (const record of changed) runtime.pendingPaths.add(record.path);
    const stuck = await rollBack(engine, order, previous);
    engine.setStatus(stuck ? "fail" : "idle");
    if (stuck) return finish(stuck);
    const handlerFailure = await tellSelfAcceptErrorHandlers(engine, walk, previous, loading, error);
    return finish(handlerFailure ?? evaluationError("evaluate", location));
  }

  for (const record of external) {
    try {
      await engine.external.get(record.path)();
    } catch (error) {
      engine.setStatus("idle");
      return finish(evaluationError("evaluate", errorLocation(error, record.path)));
    }
  }

  // ES importers see the new module.exports through a new namespace from Node's CommonJS
  // translator (it takes the new require.cache entry without evaluating it again); those that
  // do not accept it are evaluated again by the ES modules' own update.
  let esResult = null;
  if (walk.esDependencies.size > 0) {
    for (const record of walk.esDependencies) {
      const target = runtime.externals.get(pathToFileURL(record.path).href);
      if (target) target.namespace = await import(`${target.url}?hotswap=${record.version}`);
    }
    if (walk.esChanged.length > 0) {
      esResult = await runUpdate(runtime, { paths: new Set(), invalidated: new Set(), rerun: new Set(walk.esChanged),
        origins: new Set(["driver", "commonjs"]), startedAt: request.startedAt });
      if (esResult.type !== "success") {
        engine.setStatus("idle");
        return esResult;
      }
    }
    for (const { importer, dependency } of walk.esAcceptEdges) {
      for (const entry of importer.current.hotState.acceptDependencies) {
        const url = pathToFileURL(dependency.path).href;
        if (!entry.callback || !(entry.paths.includes(dependency.path) || entry.paths.includes(url))) continue;
        const namespaces = entry.paths.map((path) => runtime.externals.get(path)?.namespace ?? runtime.records.get(path)?.namespace);
        try {
          await runHandler(entry.callback, [entry.isArray ? namespaces : namespaces[0]], timeoutMs, importer.path);
        } catch (error) {
          engine.setStatus(error instanceof HandlerTimeoutError ? "fail" : "idle");
          if (error instanceof HandlerTimeoutError) return finish(brokenBy(runtime, error, importer.path, "accept"));
          return finish(evaluationError("accept", errorLocation(error, importer.path)));
        }
      }
    }
  }

  // 3. Accept callbacks: each importer's callbacks whose dependencies were updated.
  const updated = new Set(walk.order.map((record) => record.path));
  const followUp = [];
  let acceptError = null;
  for (const importer of walk.acceptingImporters) {
    for (const entry of importer.hotState.acceptDependencies) {
      const outdated = entry.paths.filter((path) => updated.has(path));
      if (outdated.length === 0 || !entry.callback) continue;
      try {
        await runHandler(entry.callback, [outdated], timeoutMs, importer.path);
      } catch (callbackError) {
        let error = callbackError;
        // webpack: the accept's errorHandler takes the callback's error; when it returns, the
        // update stands as applied, when it throws, its own error is the accept's failure.
        if (entry.errorHandler && !(error instanceof HandlerTimeoutError)) {
          try {
            await runHandler(entry.errorHandler, [error, { moduleId: importer.path, dependencyId: outdated[0] }], timeoutMs, importer.path);
            continue;
          } catch (handlerError) {
            error = handlerError;
          }
        }
        if (error instanceof HandlerTimeoutError) {
          engine.setStatus("fail");
          return finish(brokenBy(runtime, error, importer.path, "accept"));
        }
        acceptError ??= errorLocation(error, importer.path);
        followUp.push(importer);
      }
    }
  }

  // 4. Modules the old versions required and nothing requires any more leave require.cache.
  const leaving = [];
  for (const { children } of previous.values()) {
    for (const child of children) {
      if (child.parents.size === 0 && !child.isEntry && !updated.has(child.path) && engine.esImporters(child).length === 0) leaving.push(child);
    }
  }
  for (const record of new Set(leaving)) {
    try {
      await runNewestFirst(record.hotState.disposeHandlers, [{}], timeoutMs, record.path);
    } catch (error) {
      engine.setStatus("fail");
      return finish(brokenBy(runtime, error, record.path, "dispose"));
    }
    forgetVersion(record);
    engine.records.delete(record.path);
  }
  engine.setStatus("idle");

  // Modules that invalidated themselves while evaluating, and importers whose accept callback
  // threw, pass the update on to their own importers.
  for (const record of order) if (record.hotState.invalidated) followUp.push(record);
  if (followUp.length > 0) {
    for (const record of followUp) engine.ignoreSelfAccept.add(record);
    runtime.updates.request({ paths: followUp.map((record) => record.path), origin: "invalidate" });
  }
  if (acceptError) return finish(evaluationError("accept", acceptError));
  const reevaluated = [...walk.order.map((record) => record.path), ...(esResult?.reevaluated ?? [])];
  return finish(success(esResult?.loaded ?? [], reevaluated));
}

/**
 * SEMANTICS.md section 3 over the CommonJS graph. An importer is a module that required the
 * changed one, or a participating ES module that imports it (whose namespace Node's CommonJS
 * translator made once: the walk ends unaccepted there).
 */
function propagate(engine, changed, ignoreSelfAccept) {
  const parents = new Map();
  const queue = [];
  const acceptingImporters = new Set();
  // ES modules that import a module of the walk: they accept it, or are evaluated again (their
  // own walk, by propagate.js, goes on from them).
  const esDependencies = new Set();
  const esAcceptEdges = [];
  const esParents = new Map();
  for (const record of changed) {
    parents.set(record, null);
    queue.push(record);
  }
  const chainTo = (record) => {
    const chain = [];
    for (let at = record; at; at = parents.get(at)) chain.unshift(at);
    return chain;
  };
  for (let head = 0; head < queue.length; head += 1) {
    const record = queue[head];
    const state = record.hotState;
    if (state.declined) return { type: "declined", declined: record, chain: chainTo(record) };
    if ((state.selfAccept && !ignoreSelfAccept.has(record)) || engine.external.has(record.path)) continue;
    if (record.isEntry) return { type: "unaccepted", chain: chainTo(record) };
    const esImporters = engine.esImporters(record).sort(byPath);
    for (const esImporter of esImporters) {
      esDependencies.add(record);
      // import.meta.hot.accept names a CommonJS dependency by its URL (an external to ES modules).
      if (esImporter.current.hotState.acceptsPath(record.path) || esImporter.current.hotState.acceptsPath(pathToFileURL(record.path).href)) {
        esAcceptEdges.push({ importer: esImporter, dependency: record });
      } else if (!esParents.has(esImporter)) {
        esParents.set(esImporter, record);
      }
    }
    const importers = [...record.parents].sort(byPath);
    if (importers.length === 0 && esImporters.length === 0) return { type: "unaccepted", chain: chainTo(record) };
    for (const importer of importers) {
      if (importer.hotState.acceptsPath(record.path)) {
        acceptingImporters.add(importer);
        continue;
      }
      if (!parents.has(importer)) {
        parents.set(importer, record);
        queue.push(importer);
      }
    }
  }
  const esChanged = [...esParents.keys()];
  if (esChanged.length > 0) {
    const esWalk = propagateModules(esChanged, new Set());
    if (esWalk.type !== "hot") {
      const chain = [...chainTo(esParents.get(esWalk.chain[0])), ...esWalk.chain];
      return esWalk.type === "declined" ? { type: "declined", declined: esWalk.declined, chain } : { type: "unaccepted", chain };
    }
  }
  // The walk reached importers after what they require: its order loads dependencies first.
  // `cameFrom` leads from each module of the walk back to the changed module it came from.
  return { type: "hot", order: queue, cameFrom: parents, acceptingImporters: [...acceptingImporters], esDependencies, esAcceptEdges, esChanged };
}

function byPath(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The first syntax error of the changed plain JavaScript files, as an ErrorLocation, or null. */
function checkSyntax(records) {
  const acorn = require("acorn");
  for (const record of records) {
    // A file Node's loader never compiled (source null: hotswap/node-hmr loads it its own way,
    // through jiti say) may be an ES module or TypeScript: its loader tells its errors.
    if (!PLAIN_JAVASCRIPT.test(record.path) || record.source === null) continue;
    let source;
    try {
      source = readFileSync(record.path, "utf8");
    } catch {
      continue; // A file that went away fails when it is required, as under plain node.
    }
    try {
      acorn.parse(source, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true, allowHashBang: true });
    } catch (caught) {
      // acorn's SyntaxError carries `loc` ({ line, column }, column from 0).
      const error = /** @type {SyntaxError & { loc?: { line: number, column: number } }} */ (caught);
      if (!(error instanceof SyntaxError) || !error.loc) throw error;
      return { message: error.message.replace(/ \(\d+:\d+\)$/, ""), file: record.path, line: error.loc.line, column: error.loc.column + 1 };
    }
  }
  return null;
}

/** Takes the current version out of require.cache and out of its requirers' `children`. */
function forgetVersion(record) {
  const old = record.module;
  if (Module._cache[record.path] === old) delete Module._cache[record.path];
  for (const parent of record.parents) {
    const children = parent.module?.children;
    const index = children ? children.indexOf(old) : -1;
    if (index >= 0) children.splice(index, 1);
  }
  if (old?.parent?.children) {
    const index = old.parent.children.indexOf(old);
    if (index >= 0) old.parent.children.splice(index, 1);
  }
}

/**
 * Loads a new version of `record` with Node's loader, in a new Module that takes the old one's
 * place (the main module stays `require.main`), unless a requirer loaded it already.
 */
function loadAgain(engine, record, data) {
  if (Module._cache[record.path] && Module._cache[record.path] !== record.module) return;
  const old = record.module;
  const module = new Module(record.path, old?.parent ?? null);
  module.filename = record.path;
  module.paths = Module._nodeModulePaths(dirname(record.path));
  if (record.isEntry) {
    module.id = ".";
    process.mainModule = module;
  }
  engine.pendingData.set(record.path, data);
  Module._cache[record.path] = module;
  engine.evaluating.add(record);
  try {
    module.load(record.path);
  } catch (error) {
    if (Module._cache[record.path] === module) delete Module._cache[record.path];
    engine.pendingData.delete(record.path);
    throw error;
  } finally {
    engine.evaluating.delete(record);
  }
  for (const parent of record.parents) if (!parent.module.children.includes(module)) parent.module.children.push(module);
}

/**
 * A new version threw: the new versions that ran are disposed, then the previous versions'
 * source runs again in their place, with the data their dispose handlers filled. Returns a
 * failure when that throws too.
 */
async function rollBack(engine, order, previous) {
  const runtime = engine.runtime;
  const timeoutMs = runtime.options.handlerTimeoutMs;
  for (const record of [...order].reverse()) {
    const old = previous.get(record);
    if (record.module !== old.module && Module._cache[record.path] === record.module) {
      try {
        await runNewestFirst(record.hotState.disposeHandlers, [old.data], timeoutMs, record.path);
      } catch (error) {
        if (error instanceof HandlerTimeoutError) return brokenBy(runtime, error, record.path, "dispose");
        runtime.messages.error(`A dispose handler of ${runtime.displayPath(record.path)} threw during the rollback: ${error?.message ?? error}`);
      }
      forgetVersion(record);
    }
  }
  try {
    for (const record of order) {
      const old = previous.get(record);
      record.module = old.module; // the Module the new one replaces, for its parent and paths
      if (old.source !== null) engine.sourceOverrides.set(record.path, { source: old.source, format: old.format });
      loadAgain(engine, record, old.data);
    }
  } catch (error) {
    return brokenBy(runtime, error, order[0].path, "rollback");
  } finally {
    engine.sourceOverrides.clear();
  }
  return null;
}

/**
 * webpack's accept(errorHandler): after the rollback, the self-accepting modules whose new
 * version threw (the module that threw, or a dependency on its walk) have the handlers their
 * replaced version registered called with (error, { moduleId, module }), `module` being the
 * Module now in require.cache. The update stays an evaluation error (the new code is not
 * running and the change stays pending); a handler that throws is told, and one that never
 * settles leaves the app broken as any other handler would.
 */
async function tellSelfAcceptErrorHandlers(engine, walk, previous, failed, error) {
  const runtime = engine.runtime;
  for (const record of walk.order) {
    const state = previous.get(record)?.hotState;
    if (!state?.selfAccept || state.errorHandlers.length === 0) continue;
    let reaches = false;
    for (let at = record; at && !reaches; at = walk.cameFrom.get(at)) reaches = at === failed;
    if (!reaches) continue;
    for (const registration of state.errorHandlers) {
      try {
        await runHandler(registration, [error, { moduleId: record.path, module: Module._cache[record.path] }], runtime.options.handlerTimeoutMs, record.path);
      } catch (handlerError) {
        if (handlerError instanceof HandlerTimeoutError) return brokenBy(runtime, handlerError, record.path, "accept");
        runtime.messages.error(`The module.hot.accept error handler of ${runtime.displayPath(record.path)} threw: ${handlerError?.message ?? handlerError}`);
      }
    }
  }
  return null;
}

/** Where `error` happened: its first frame in an app CommonJS file, else as for ES modules. */
function errorLocation(error, fallbackFile) {
  const location = moduleErrorLocation(error, fallbackFile);
  const frame = firstCommonJsFrame(error);
  return frame && location.line === 1 && location.column === 1 && location.file === fallbackFile ? { ...location, ...frame } : location;
}

function brokenBy(runtime, error, file, phase) {
  const location = errorLocation(error, file);
  runtime.brokenReason = location;
  runtime.brokenPhase = error instanceof HandlerTimeoutError ? "timeout" : phase;
  return evaluationError(runtime.brokenPhase, location);
}

// The async load phase: reads and compiles files, resolves their imports, loads external
// modules with a real `import()`, and creates new (not yet linked) instances. Nothing here runs
// app code, so a failure leaves the running app untouched.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beginCompileBatch, compileBody } from "./compile.js";
import { withDebuggerSourceMap } from "./debug-source-map.js";
import { ExternalModule, ModuleInstance } from "./module-record.js";
import { importSource, noSourceObject } from "./source-phase.js";
import { jsonErrorLocation } from "./json-error-location.js";
import { locationOfSpecifier } from "./source-location.js";
import { originalPosition, rememberScript, scriptUrl } from "./stack-traces.js";
import { ModuleSyntaxError, transformModuleAsync } from "./transform.js";
import { TransformCache } from "./transform-cache.js";
import { ModuleNotFoundError, withSourceLocation } from "./source-error.js";
import { checkAttributes } from "./import-request.js";
import { ignoreRejection, promiseAll, promiseThen } from "./primordials.js";

// Made on the first load; it serves start-up only (transform-cache.js).
let transformCache = null;

function cache() {
  transformCache ??= TransformCache.forProcess();
  return transformCache;
}

/**
 * Reads `record`'s file and transforms it, TypeScript and JSX stripped on a libuv thread so that
 * several files strip while the main thread compiles others. Throws ModuleSyntaxError.
 */
async function readAndTransform(record) {
  // No stat here (Node 22 makes Stats objects slowly): the watcher compares a change's time
  // with the time of this read instead.
  record.stamp = "";
  record.readAt = Date.now();
  // A synchronous read of a source file is cheaper than a promise-based one (Node 22 spends
  // three promise round trips on it); the transform is the part worth moving off the thread.
  const source = readFileSync(record.path, "utf8");
  if (record.format === "json") return { source, transformed: null };
  // The disk cache serves start-up: a file's first load, not its updates.
  if (record.version > 0) return { source, transformed: await transformModuleAsync(record.path, source), cacheKey: null };
  const cacheKey = cache().keyOf(record.path, source);
  const cached = cache().get(cacheKey);
  if (cached !== undefined) return { source, transformed: cached, cacheKey };
  return { source, transformed: cache().set(cacheKey, await transformModuleAsync(record.path, source)), cacheKey };
}

/** Compiles what readAndTransform produced into the module's reusable parts. */
function compileLoaded(record, { source, transformed, cacheKey }) {
  if (record.format === "json") return compileJson(record.path, source);
  const url = scriptUrl(record.url, record.compiles + 1);
  // Under a debugger the body carries its source map, which no code cache was made for.
  const debuggable = withDebuggerSourceMap(transformed, record.path, record.url, source);
  const codeCache = debuggable === transformed ? cache().codeCacheFor(cacheKey, transformed.code) : null;
  let body;
  try {
    body = compileBody(url, debuggable, codeCache);
  } catch (error) {
    const { line, column } = locateCompileError(error, record.path, source);
    throw new ModuleSyntaxError(error.message, record.path, line, column, null);
  }
  record.compiles += 1;
  const compiled = {
    path: record.path,
    source,
    run: body.run,
    hasTopLevelAwait: body.hasTopLevelAwait,
    anonymousDefault: transformed.anonymousDefault,
    hoistedDefault: transformed.hoistedDefault,
    imports: transformed.imports,
    starExports: transformed.starExports,
    exports: transformed.exports,
    maps: null,
    resolved: null,
  };
  rememberScript(url, compiled);
  return compiled;
}

// An early error only V8 finds (oxc let it pass): Node puts `url:line`, the generated line and a
// caret on top of the stack; the source map turns that into the original position.
function locateCompileError(error, path, source) {
  // The caret line keeps the generated line's tabs (the body's codegen indents with them).
  const arrow = /^[^\n]*:(\d+)\n[^\n]*\n([ \t]*)\^/.exec(typeof error?.stack === "string" ? error.stack : "");
  if (!arrow) return { line: 1, column: 1 };
  const original = originalPosition({ path, source, run: true }, Number(arrow[1]), arrow[2].length + 1);
  return original ?? { line: 1, column: 1 };
}

function compileJson(path, source) {
  let value;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const { line, column } = jsonErrorLocation(source, error);
    throw new ModuleSyntaxError(error.message, path, line, column, null);
  }
  return {
    path,
    source,
    value,
    hasTopLevelAwait: false,
    imports: [],
    starExports: [],
    exports: [{ name: "default", kind: "local" }],
    maps: [],
    resolved: [],
  };
}

/**
 * Creates new instances for `roots` (Map<record, compiled | null>; null means read the file
 * again) and for every file they import that has no instance yet. Returns the new instances by
 * record and the records created on the way. Throws ModuleSyntaxError or ModuleNotFoundError.
 */
export async function buildInstances(runtime, roots) {
  const pending = new Map();
  const created = [];
  const externalLoads = [];
  // Files are read and transformed ahead, in the order they are discovered; the main thread
  // takes them in that order to compile them and resolve their imports.
  const loading = new Map();
  const order = [];
  const startLoading = (record) => {
    if (loading.has(record) || pending.has(record)) return;
    const given = roots.get(record);
    // Compiled code that is given needs no read: no promise (and no await) for it.
    const promise = given ? null : readAndTransform(record);
    if (promise) ignoreRejection(promise);
    loading.set(record, promise);
    order.push(record);
  };
  for (const record of roots.keys()) startLoading(record);
  const batch = beginCompileBatch();
  runtime.resolver.beginLoad();
  try {
    for (let head = 0; head < order.length; head += 1) {
      const record = order[head];
      const promise = loading.get(record);
      const loaded = promise === null ? null : await promise;
      const compiled = roots.get(record) ?? compileLoaded(record, loaded);
      const instance = new ModuleInstance(record, record.version + 1, compiled);
      pending.set(record, instance);
      compiled.resolved ??= compiled.imports.map((entry) => resolveImport(runtime, record, compiled, entry));
      for (const [index, entry] of compiled.imports.entries()) {
        const resolution = compiled.resolved[index];
        let target;
        if (entry.phase === "source") {
          target = sourcePhaseTarget(record, compiled, entry, resolution, externalLoads);
        } else if (resolution.external) {
          target = runtime.external(resolution.external);
          // Node checks the attributes of what it loads itself, import by import: one that has
          // some, or names JSON (which needs them), asks Node each time.
          if (entry.attributes || resolution.external.endsWith(".json")) {
            externalLoads.push(runtime.loadExternal(target, record, entry.specifier, entry.attributes ?? {}));
          } else if (!target.namespace) {
            externalLoads.push(runtime.loadExternal(target, record, entry.specifier));
          }
        } else {
          if (entry.attributes || resolution.path.endsWith(".json")) checkImportAttributes(record, compiled, entry, resolution.path);
          target = runtime.recordFor(resolution.path, created);
          if (target.current === null) startLoading(target);
        }
        instance.deps.push({ specifier: entry.specifier, importedNames: entry.importedNames, target });
      }
    }
    await promiseAll(externalLoads);
  } catch (error) {
    for (const load of externalLoads) ignoreRejection(load);
    runtime.forget(created);
    throw error;
  } finally {
    batch.end();
    runtime.resolver.endLoad();
  }
  return { pending, created };
}

// `import source x from "y"`: Node's source object for a module it loads itself, in a
// namespace of its own whose `default` the compiled import reads; a SyntaxError for the app's
// modules, which are JavaScript.
function sourcePhaseTarget(record, compiled, entry, resolution, externalLoads) {
  if (!resolution.external) {
    const { line, column } = locationOfSpecifier(compiled.source, entry.specifier);
    throw withSourceLocation(noSourceObject(pathToFileURL(resolution.path).href), record.path, line, column);
  }
  const target = new ExternalModule(resolution.external, null);
  externalLoads.push(
    promiseThen(importSource(resolution.external), (source) => {
      target.namespace = { default: source };
    }),
  );
  return target;
}

// A static import's attributes, checked as Node checks them: JSON needs `type: "json"`, and
// nothing else is supported. The error is Node's, located at the import.
function checkImportAttributes(record, compiled, entry, path) {
  try {
    checkAttributes(entry.attributes ?? {}, path.endsWith(".json") ? "json" : "module", pathToFileURL(path).href);
  } catch (error) {
    const { line, column } = locationOfSpecifier(compiled.source, entry.specifier);
    throw withSourceLocation(error, record.path, line, column);
  }
}

function resolveImport(runtime, record, compiled, entry) {
  try {
    return runtime.resolver.resolve(entry.specifier, record.path);
  } catch (error) {
    const { line, column } = locationOfSpecifier(compiled.source, entry.specifier);
    const unresolved = new ModuleNotFoundError(error.message, record.path, line, column);
    // Node's code and URL for the failure (a directory import is not a missing module).
    if (error.code) unresolved.code = error.code;
    if (error.url) unresolved.url = error.url;
    // Where a relative import points, so the watcher can notice the file being created.
    if (/^\.\.?\//.test(entry.specifier)) unresolved.missingPath = resolve(dirname(record.path), entry.specifier);
    throw unresolved;
  }
}

// The module graph as PROTOCOL.md's `graph` result: every participating module with its
// registrations and its import edges.

/**
 * Describes the runtime's current graph.
 * @param {import("./runtime.js").Runtime} runtime
 */
export function describeGraph(runtime) {
  const modules = [];
  for (const record of runtime.records.values()) {
    if (record.current) modules.push(describeModule(runtime, record));
  }
  modules.push(...(runtime.cjs?.describeModules() ?? []));
  return { entry: graphEntry(runtime), modules };
}

/** The entry's path in the Graph, or null. */
export function graphEntry(runtime) {
  return runtime.entry?.path ?? runtime.cjs?.entryPath() ?? null;
}

/**
 * Describes one participating module that has an instance (`record.current`).
 * @param {import("./runtime.js").Runtime} runtime
 * @param {import("./module-record.js").ModuleRecord} record
 */
export function describeModule(runtime, record) {
  const instance = record.current;
  const state = instance.hotState;
  const imports = instance.deps.map((dep) => {
    // An app CommonJS module is in the graph (cjs/engine.js), though ES modules import it as
    // an external.
    const commonjs = dep.target.external ? runtime.cjs?.recordOfUrl(dep.target.url) : undefined;
    const external = dep.target.external && !commonjs;
    return {
      specifier: dep.specifier,
      path: commonjs ? commonjs.path : external ? null : dep.target.path,
      dynamic: false,
      boundary: false,
      ...(external ? { external: true } : {}),
    };
  });
  for (const [target, edge] of instance.dynamicDeps) {
    imports.push({ specifier: edge.specifier, path: target.path, dynamic: true, boundary: edge.boundary });
  }
  return {
    path: record.path,
    version: record.version,
    format: record.format,
    selfAccept: state.selfAccept,
    declined: state.declined,
    accepts: [...new Set(state.acceptDependencies.flatMap((entry) => entry.paths))]
      .filter(Boolean)
      .map((accepted) => runtime.cjs?.recordOfUrl(accepted)?.path ?? accepted),
    hasDispose: state.disposeHandlers.length > 0,
    hasPrune: state.pruneHandlers.length > 0,
    imports,
    importers: [...record.importers].map((importer) => importer.path),
  };
}

/**
 * Everything describeModule reads that can change, as values to compare with ===, written into
 * `inputs` (emptied first): when two calls give equal lists, the module's description is the
 * same but for its version. Hot state only grows (hot.js appends registrations), so lengths
 * stand for its arrays; what CommonJS records external imports and accepted paths name can
 * change as the CommonJS engine adopts files, so those lookups are part of it.
 * @param {import("./runtime.js").Runtime} runtime
 * @param {import("./module-record.js").ModuleRecord} record
 * @param {unknown[]} inputs
 */
export function moduleInputs(runtime, record, inputs) {
  const instance = record.current;
  const state = instance.hotState;
  inputs.length = 0;
  inputs.push(
    instance,
    state.selfAccept,
    state.declined,
    state.acceptDependencies.length,
    state.disposeHandlers.length > 0,
    state.pruneHandlers.length > 0,
    instance.dynamicDeps.size,
    record.importers.size,
  );
  // A dynamic edge's boundary is set again in place when package.json's globs change.
  for (const edge of instance.dynamicDeps.values()) inputs.push(edge, edge.boundary);
  for (const importer of record.importers) inputs.push(importer);
  if (runtime.cjs) {
    for (const dep of instance.deps) if (dep.target.external) inputs.push(runtime.cjs.recordOfUrl(dep.target.url));
    for (const entry of state.acceptDependencies) for (const accepted of entry.paths) if (accepted) inputs.push(runtime.cjs.recordOfUrl(accepted));
  }
}

// The module graph as PROTOCOL.md's `graph` result: every participating module with its
// registrations and its import edges.

/**
 * Describes the runtime's current graph.
 * @param {import("./runtime.js").Runtime} runtime
 */
export function describeGraph(runtime) {
  const modules = [];
  for (const record of runtime.records.values()) {
    const instance = record.current;
    if (!instance) continue;
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
    modules.push({
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
    });
  }
  modules.push(...(runtime.cjs?.describeModules() ?? []));
  return { entry: runtime.entry?.path ?? runtime.cjs?.entryPath() ?? null, modules };
}

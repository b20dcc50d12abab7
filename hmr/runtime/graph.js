// The module graph as PROTOCOL.md's `graph` result: every participating module with its
// registrations and its import edges.

/** Describes the runtime's current graph. */
export function describeGraph(runtime) {
  const modules = [];
  for (const record of runtime.records.values()) {
    const instance = record.current;
    if (!instance) continue;
    const state = instance.hotState;
    const imports = instance.deps.map((dep) => ({
      specifier: dep.specifier,
      path: dep.target.external ? null : dep.target.path,
      dynamic: false,
      boundary: false,
      ...(dep.target.external ? { external: true } : {}),
    }));
    for (const [target, edge] of instance.dynamicDeps) {
      imports.push({ specifier: edge.specifier, path: target.path, dynamic: true, boundary: edge.boundary });
    }
    modules.push({
      path: record.path,
      version: record.version,
      format: record.format,
      selfAccept: state.selfAccept,
      declined: state.declined,
      accepts: [...new Set(state.acceptDependencies.flatMap((entry) => entry.paths))].filter(Boolean),
      hasDispose: state.disposeHandlers.length > 0,
      hasPrune: state.pruneHandlers.length > 0,
      imports,
      importers: [...record.importers].map((importer) => importer.path),
    });
  }
  return { entry: runtime.entry?.path ?? null, modules };
}

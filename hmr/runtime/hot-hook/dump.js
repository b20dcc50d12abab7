// hot.dump(): the runtime's graph in hot-hook's shape, one entry per module:
// { path, boundary, reloadable, version, dependencies, dependents }, paths relative to the root
// file's folder. `boundary`: some importer imports it dynamically as a boundary. `reloadable`:
// an edit to it is hot (the walk of SEMANTICS.md finds boundaries on every path to the entry).
// `version`: how many times it was replaced. Packages the app imports appear as leaves that are
// never reloadable (Node loads them; their own imports are not followed).
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { propagate } from "../propagate.js";

/**
 * @param {import("../runtime.js").Runtime} runtime @param {string | null} root
 * @param {import("../runtime.js").Runtime} runtime
 */
export function dumpGraph(runtime, root) {
  const folder = dirname(root ?? runtime.entry?.path ?? process.cwd());
  const show = (path) => relative(folder, path);
  const entries = [];
  const externals = new Map();
  const boundaries = new Set();
  const live = [...runtime.records.values()].filter((record) => record.current);
  for (const record of live) {
    for (const [target, edge] of record.current.dynamicDeps) if (edge.boundary) boundaries.add(target);
  }
  for (const record of live) {
    const instance = record.current;
    const dependencies = [];
    for (const dep of instance.deps) {
      const path = dep.target.external ? externalPath(dep.target.url) : dep.target.path;
      if (path === null) continue;
      if (dep.target.external) {
        const external = externals.get(path) ?? { path, dependents: new Set() };
        external.dependents.add(record.path);
        externals.set(path, external);
      }
      if (!dependencies.includes(path)) dependencies.push(path);
    }
    for (const target of instance.dynamicDeps.keys()) if (!dependencies.includes(target.path)) dependencies.push(target.path);
    entries.push({
      version: Math.max(0, record.version - 1),
      boundary: boundaries.has(record),
      path: show(record.path),
      dependents: [...record.importers].filter((importer) => importer.current).map((importer) => show(importer.path)),
      dependencies: dependencies.map(show),
      reloadable: propagate([record], new Set()).type === "hot",
    });
  }
  for (const external of externals.values()) {
    entries.push({
      version: 0,
      boundary: false,
      path: show(external.path),
      dependents: [...external.dependents].map(show),
      dependencies: [],
      reloadable: false,
    });
  }
  return entries;
}

function externalPath(url) {
  return url.startsWith("file:") ? fileURLToPath(url) : null;
}

// Shapes hotswap.showGraph's result for drawing: modules in columns by their distance from an
// entry, which modules are boundaries, and the chain of the selected file. Free of the vscode
// module so it can be tested on plain Node.
import type { GraphModule, GraphView } from "./events.ts";

/** A module as the panel draws it. */
export interface ModuleCard {
  module: GraphModule;
  /** A boundary takes updates: it self-accepts or accepts some of its dependencies. */
  boundary: boolean;
  /** On the selected file's chain. */
  onChain: boolean;
}

/** Everything the webview needs, computed once per render. */
export interface GraphLayout {
  /** Column n holds the modules n imports away from the nearest entry; the last holds the unreached. */
  columns: ModuleCard[][];
  /** The selected file's chain, from the file to where the update ends. */
  chain: string[];
  selected?: GraphModule;
}

/** Returns whether a module stops updates: it self-accepts or accepts a dependency. */
export function isBoundary(module: GraphModule): boolean {
  return module.selfAccept || (module.accepts?.length ?? 0) > 0;
}

/**
 * The chain of a module: for a restart, the server's chain to the entry; for a hot module, the
 * shortest path through importers to a module that accepts it.
 */
export function chainOf(graph: GraphView, selected: GraphModule): string[] {
  if (selected.verdict === "restart") return selected.chain?.length ? selected.chain : [selected.path];
  if (selected.verdict !== "hot") return [selected.path];
  const byPath = new Map(graph.modules.map((module) => [module.path, module]));
  const targets = new Set(selected.acceptedBy ?? []);
  if (targets.has(selected.path)) return [selected.path];
  const cameFrom = new Map<string, string>([[selected.path, ""]]);
  const queue = [selected.path];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (targets.has(current)) {
      const path = [current];
      for (let step = cameFrom.get(current)!; step !== ""; step = cameFrom.get(step)!) path.unshift(step);
      return path;
    }
    for (const importer of [...(byPath.get(current)?.dependents ?? [])].sort()) {
      if (!cameFrom.has(importer)) {
        cameFrom.set(importer, current);
        queue.push(importer);
      }
    }
  }
  return [selected.path];
}

/** Lays the graph out in columns by breadth-first distance from the entries. */
export function layout(graph: GraphView, selectedPath?: string): GraphLayout {
  const byPath = new Map(graph.modules.map((module) => [module.path, module]));
  const depth = new Map<string, number>();
  const queue = graph.entries.filter((entry) => byPath.has(entry));
  for (const entry of queue) depth.set(entry, 0);
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const dependency of byPath.get(current)?.dependencies ?? []) {
      if (!depth.has(dependency) && byPath.has(dependency)) {
        depth.set(dependency, depth.get(current)! + 1);
        queue.push(dependency);
      }
    }
  }
  const selected = selectedPath ? byPath.get(selectedPath) : undefined;
  const chain = selected ? chainOf(graph, selected) : [];
  const onChain = new Set(chain);
  const maxDepth = Math.max(-1, ...depth.values());
  const columns: ModuleCard[][] = Array.from({ length: maxDepth + 2 }, () => []);
  for (const module of [...graph.modules].sort((a, b) => a.path.localeCompare(b.path))) {
    const column = depth.get(module.path) ?? maxDepth + 1;
    columns[column].push({ module, boundary: isBoundary(module), onChain: onChain.has(module.path) });
  }
  return { columns: columns.filter((column) => column.length > 0), chain, selected };
}

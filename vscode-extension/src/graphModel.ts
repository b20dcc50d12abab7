// Shapes hotswap.showGraph's result for drawing: which modules and folders are visible under
// the current filter and collapsed folders, the edges between them, the selected file's chain,
// and the input of the layered layout. Free of the vscode module and of the DOM, so the panel's
// webview bundle, `hotswap graph --html` (the same bundle) and the unit tests all run it.
import type { GraphModule, GraphView } from "./events.ts";

/** What the page carries, and what the panel sends it on each refresh. */
export interface GraphPageData {
  graph: GraphView;
  selected?: string;
  /** ISO time of the last update the app took (live graphs). */
  updatedAt?: string;
  /** ISO time the graph was read. */
  readAt: string;
}

/**
 * A graph module's path outside the folder, or null for one relative to it. Inside the folder a
 * path is relative with slashes (`src/x.ts`, `../lib/y.ts`); a module the running app loaded
 * from outside it is absolute with slashes (`/lib/y.ts`, on Windows `C:/lib/y.ts`), which
 * joined to the folder's URI would name a file under the folder.
 */
export function absoluteModulePath(modulePath: string): string | null {
  return modulePath.startsWith("/") || /^[A-Za-z]:\//.test(modulePath) ? modulePath : null;
}

/** What the graph shows: "all", or only the modules one question is about. */
export type GraphFilter = "all" | "restart" | "chain" | "importers" | "dependencies";

/** The filters, in the order the toolbar offers them, with the words it shows. */
export const filters: ReadonlyArray<{ value: GraphFilter; label: string }> = [
  { value: "all", label: "All modules" },
  { value: "restart", label: "Restart only" },
  { value: "chain", label: "Selected file's chain" },
  { value: "importers", label: "Importers of selected" },
  { value: "dependencies", label: "Dependencies of selected" },
];

/** The user's choices that decide what is drawn. */
export interface ViewState {
  /** Folders (paths relative to the graph's folder, no trailing slash) drawn as one node. */
  collapsed: ReadonlySet<string>;
  filter: GraphFilter;
  /** The selected module's path. */
  selected?: string;
  /** Search text; modules whose path contains it (any case) are marked. */
  query: string;
}

/** Counts of a folder's modules by verdict. */
export interface Counts {
  modules: number;
  hot: number;
  restart: number;
  other: number;
}

/** A drawn node: one module, or a collapsed folder standing for all the modules under it. */
export interface VisibleNode {
  /** A module's path, or a folder's path with a trailing "/". */
  id: string;
  kind: "module" | "folder";
  /** The file or folder name. */
  label: string;
  /** The folder holding it ("" at the top). */
  parent: string;
  verdict?: GraphModule["verdict"];
  entry: boolean;
  /** Updates stop here: the module accepts itself or some of its dependencies. */
  boundary: boolean;
  selfAccept: boolean;
  /** For a folder, its visible modules by verdict; for a module, just itself. */
  counts: Counts;
  /** How many of its modules match the search (0 without a search). */
  matches: number;
  onChain: boolean;
  selected: boolean;
}

/** A drawn import: from the importer to the imported (the entry is at the top). */
export interface VisibleEdge {
  id: string;
  source: string;
  target: string;
  /** How many module imports it stands for (more than 1 between folders). */
  count: number;
  /** The importer accepts updates of the imported module. */
  accepts: boolean;
  /** A step of the selected file's chain. */
  onChain: boolean;
}

/** The graph as drawn under one ViewState. */
export interface VisibleGraph {
  nodes: VisibleNode[];
  edges: VisibleEdge[];
  /** The selected module's chain, from the file to where the update ends. */
  chain: string[];
  selected?: GraphModule;
  /** Paths of the modules that match the search, sorted. */
  matches: string[];
  /** Set when the filter needs a selected file and none is selected, so all modules show. */
  note?: string;
}

/** Returns whether a module stops updates: it self-accepts or accepts a dependency. */
export function isBoundary(module: GraphModule): boolean {
  return module.selfAccept || (module.accepts?.length ?? 0) > 0;
}

/** The folder holding a path ("" for the top). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Every folder that holds modules, directly or below, with its counts, sorted by path. */
export function folderCounts(graph: GraphView): Map<string, Counts> {
  const counts = new Map<string, Counts>();
  for (const module of graph.modules) {
    for (let folder = folderOf(module.path); folder !== ""; folder = folderOf(folder)) {
      let c = counts.get(folder);
      if (!c) counts.set(folder, (c = { modules: 0, hot: 0, restart: 0, other: 0 }));
      count(c, module.verdict);
    }
  }
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function count(c: Counts, verdict: GraphModule["verdict"]): void {
  c.modules++;
  if (verdict === "hot") c.hot++;
  else if (verdict === "restart") c.restart++;
  else c.other++;
}

/**
 * The folders to collapse at first so that about `maxNodes` nodes show: none for a small
 * graph; otherwise the deepest folders first, folding more of the tree until it fits. Folders
 * holding an entry stay open, so the entry is always its own node at the top.
 */
export function defaultCollapsed(graph: GraphView, maxNodes = 120): Set<string> {
  const collapsed = new Set<string>();
  if (graph.modules.length <= maxNodes) return collapsed;
  const counts = folderCounts(graph);
  const entryFolders = new Set<string>();
  for (const entry of graph.entries) for (let f = folderOf(entry); f !== ""; f = folderOf(f)) entryFolders.add(f);
  const depthOf = (folder: string) => folder.split("/").length;
  const maxDepth = Math.max(0, ...[...counts.keys()].map(depthOf));
  for (let depth = maxDepth; depth >= 1; depth--) {
    for (const folder of counts.keys()) {
      if (depthOf(folder) === depth && !entryFolders.has(folder)) collapsed.add(folder);
    }
    // Inner folders folded into an outer one no longer count.
    for (const folder of [...collapsed]) if (collapsedAncestor(folder, collapsed) !== folder) collapsed.delete(folder);
    if (countVisible(graph, collapsed) <= maxNodes) break;
  }
  return collapsed;
}

function countVisible(graph: GraphView, collapsed: ReadonlySet<string>): number {
  const ids = new Set<string>();
  for (const module of graph.modules) ids.add(representative(module.path, collapsed));
  return ids.size;
}

/** The outermost collapsed folder holding path (path itself counts), or undefined. */
function collapsedAncestor(path: string, collapsed: ReadonlySet<string>): string | undefined {
  let found: string | undefined;
  for (let folder = path; folder !== ""; folder = folderOf(folder)) if (collapsed.has(folder)) found = folder;
  return found;
}

/**
 * The id of the node that draws a module: itself, or its outermost collapsed folder. Pinned
 * modules (the selected file and its chain) are always their own node.
 */
export function representative(path: string, collapsed: ReadonlySet<string>, pinned: ReadonlySet<string> = new Set()): string {
  if (collapsed.size === 0 || pinned.has(path)) return path;
  const folder = collapsedAncestor(folderOf(path), collapsed);
  return folder === undefined ? path : `${folder}/`;
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
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i];
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

/** Every module reachable from start through `next` (start included). */
function reach(byPath: Map<string, GraphModule>, start: string, next: (module: GraphModule) => string[]): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const other of next(byPath.get(queue[i])!)) {
      if (!seen.has(other) && byPath.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/** The graph as drawn: the filter picks modules, collapsed folders merge them, edges follow. */
export function visibleGraph(graph: GraphView, state: ViewState): VisibleGraph {
  const byPath = new Map(graph.modules.map((module) => [module.path, module]));
  const selected = state.selected !== undefined ? byPath.get(state.selected) : undefined;
  const chain = selected ? chainOf(graph, selected) : [];
  let note: string | undefined;
  let shown: (module: GraphModule) => boolean = () => true;
  if (state.filter === "restart") {
    shown = (module) => module.verdict === "restart";
  } else if (state.filter !== "all" && !selected) {
    note = "Select a file to filter by it; showing all modules.";
  } else if (state.filter === "chain") {
    const set = new Set(chain);
    shown = (module) => set.has(module.path);
  } else if (state.filter === "importers") {
    const set = reach(byPath, selected!.path, (module) => module.dependents);
    shown = (module) => set.has(module.path);
  } else if (state.filter === "dependencies") {
    const set = reach(byPath, selected!.path, (module) => module.dependencies);
    shown = (module) => set.has(module.path);
  }

  const query = state.query.trim().toLowerCase();
  const matches: string[] = [];
  const onChain = new Set(chain);
  // The chain stays visible edge by edge even where its modules sit in collapsed folders.
  const pinned = new Set(chain);
  const rep = (path: string) => representative(path, state.collapsed, pinned);
  const nodes = new Map<string, VisibleNode>();
  for (const module of [...graph.modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const match = query !== "" && module.path.toLowerCase().includes(query);
    if (match) matches.push(module.path);
    if (!shown(module)) continue;
    const id = rep(module.path);
    let node = nodes.get(id);
    if (!node) {
      const isFolder = id !== module.path;
      const path = isFolder ? id.slice(0, -1) : id;
      node = {
        id,
        kind: isFolder ? "folder" : "module",
        label: path.slice(path.lastIndexOf("/") + 1),
        parent: folderOf(path),
        verdict: isFolder ? undefined : module.verdict,
        entry: false,
        boundary: false,
        selfAccept: false,
        counts: { modules: 0, hot: 0, restart: 0, other: 0 },
        matches: 0,
        onChain: false,
        selected: false,
      };
      nodes.set(id, node);
    }
    count(node.counts, module.verdict);
    node.entry ||= module.entry === true || graph.entries.includes(module.path);
    node.boundary ||= isBoundary(module);
    node.selfAccept ||= module.selfAccept;
    if (match) node.matches++;
    if (onChain.has(module.path)) node.onChain = true;
    if (module === selected) node.selected = true;
  }

  // Chain steps run from a module to its importer; edges run from importer to imported.
  const chainSteps = new Set<string>();
  for (let i = 0; i + 1 < chain.length; i++) {
    chainSteps.add(`${rep(chain[i + 1])}\n${rep(chain[i])}`);
  }
  const edges = new Map<string, VisibleEdge>();
  for (const module of graph.modules) {
    if (!shown(module)) continue;
    const source = rep(module.path);
    const accepts = new Set(module.accepts ?? []);
    for (const dependency of module.dependencies) {
      const imported = byPath.get(dependency);
      if (!imported || !shown(imported)) continue;
      const target = rep(dependency);
      if (source === target) continue;
      const key = `${source}\n${target}`;
      let edge = edges.get(key);
      if (!edge) {
        edge = { id: "", source, target, count: 0, accepts: false, onChain: chainSteps.has(key) };
        edges.set(key, edge);
      }
      edge.count++;
      edge.accepts ||= accepts.has(dependency);
    }
  }
  const edgeList = [...edges.values()].sort((a, b) => (a.source + "\n" + a.target < b.source + "\n" + b.target ? -1 : 1));
  edgeList.forEach((edge, i) => (edge.id = `e${i}`));
  return { nodes: [...nodes.values()], edges: edgeList, chain, selected, matches, note };
}

/** A node's size on screen, from its text: a name line and a detail line. */
export function nodeSize(node: VisibleNode): { width: number; height: number } {
  const longest = Math.max(nodeTitle(node).length, nodeDetail(node).length);
  return { width: Math.min(260, Math.max(90, Math.round(longest * 7 + 24))), height: 38 };
}

/** The first line of a node: the file name, or the folder with a trailing slash. */
export function nodeTitle(node: VisibleNode): string {
  return node.kind === "folder" ? `${node.label}/ (${node.counts.modules})` : node.label;
}

/** The second line of a node: its folder, or for a collapsed folder its counts. */
export function nodeDetail(node: VisibleNode): string {
  if (node.kind === "module") {
    const marks = [node.entry ? "entry" : "", node.boundary ? "boundary" : ""].filter(Boolean).join(" · ");
    return [node.parent ? `${node.parent}/` : "", marks].filter(Boolean).join(" · ") || (node.verdict ?? "");
  }
  const parts = [`${node.counts.hot} hot`, `${node.counts.restart} restart`];
  if (node.counts.other) parts.push(`${node.counts.other} other`);
  return parts.join(" · ");
}

/** The layered layout's input in ELK's JSON graph format: top-down, entries in the first layer. */
export interface LayoutInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: Array<{ id: string; width: number; height: number; layoutOptions?: Record<string, string> }>;
  edges: Array<{ id: string; sources: string[]; targets: string[] }>;
}

/**
 * ELK's options, picked for 1,000 modules and 3,000 imports: one pass of crossing
 * minimisation, straight-line (polyline) routing and simple node placement keep the layout to
 * a few seconds there, where the defaults take many times longer.
 */
export const layoutOptions: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "POLYLINE",
  "elk.layered.thoroughness": "1",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.spacing.nodeNode": "16",
  "elk.layered.spacing.nodeNodeBetweenLayers": "40",
  "elk.separateConnectedComponents": "false",
};

/** The layout input for a visible graph: nodes sized by their text, entries pinned to the top layer. */
export function layoutInput(visible: VisibleGraph): LayoutInput {
  return {
    id: "root",
    layoutOptions: { ...layoutOptions },
    children: visible.nodes.map((node) => ({
      id: node.id,
      ...nodeSize(node),
      ...(node.entry ? { layoutOptions: { "elk.layered.layering.layerConstraint": "FIRST" } } : {}),
    })),
    edges: visible.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
}

/** A key that changes exactly when the layout input changes, to reuse a finished layout. */
export function layoutKey(input: LayoutInput): string {
  return JSON.stringify([input.children.map((c) => [c.id, c.width, c.layoutOptions ? 1 : 0]), input.edges.map((e) => [e.sources[0], e.targets[0]])]);
}

// The graph view's model: what is visible under filters and collapsed folders, the chain and its
// edges, the layout input, and the page the panel loads, for a small TypeScript app and a
// generated app of 1,000 modules.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { GraphModule, GraphView } from "../../src/events.ts";
import { escapeHtml, graphHtml, scriptJson } from "../../src/graphHtml.ts";
import {
  absoluteModulePath,
  chainOf,
  defaultCollapsed,
  folderCounts,
  layoutInput,
  representative,
  visibleGraph,
  type GraphFilter,
  type ViewState,
} from "../../src/graphModel.ts";
import { generateWorkspace } from "../bigWorkspace.ts";

// main.ts imports app.ts (which accepts itself) and db.ts; app.ts imports db.ts and lib/format.ts.
const graph: GraphView = {
  folder: "file:///app",
  source: "static",
  entries: ["src/main.ts"],
  dot: "",
  modules: [
    { path: "src/main.ts", verdict: "restart", chain: ["src/main.ts"], entry: true, dependencies: ["src/app.ts", "src/db.ts"], dependents: [], selfAccept: false },
    { path: "src/app.ts", verdict: "hot", acceptedBy: ["src/app.ts"], dependencies: ["src/db.ts", "src/lib/format.ts"], dependents: ["src/main.ts"], selfAccept: true },
    { path: "src/db.ts", verdict: "restart", chain: ["src/db.ts", "src/main.ts"], dependencies: [], dependents: ["src/app.ts", "src/main.ts"], selfAccept: false },
    { path: "src/lib/format.ts", verdict: "hot", acceptedBy: ["src/app.ts"], dependencies: [], dependents: ["src/app.ts"], selfAccept: false },
    { path: "src/unused.ts", verdict: "not-in-graph", dependencies: [], dependents: [], selfAccept: false },
  ],
};
const byPath = (path: string) => graph.modules.find((module) => module.path === path)!;
const state = (over: Partial<ViewState> = {}): ViewState => ({ collapsed: new Set(), filter: "all", query: "", ...over });
const ids = (view: { nodes: Array<{ id: string }> }) => view.nodes.map((node) => node.id).sort();
const edges = (view: { edges: Array<{ source: string; target: string }> }) => view.edges.map((e) => `${e.source} -> ${e.target}`).sort();

test("every module is a node and every import an edge, from importer to imported", () => {
  const view = visibleGraph(graph, state());
  assert.deepEqual(ids(view), graph.modules.map((m) => m.path).sort());
  assert.deepEqual(edges(view), ["src/app.ts -> src/db.ts", "src/app.ts -> src/lib/format.ts", "src/main.ts -> src/app.ts", "src/main.ts -> src/db.ts"]);
  const app = view.nodes.find((n) => n.id === "src/app.ts")!;
  assert.equal(app.boundary, true);
  assert.equal(app.verdict, "hot");
  assert.equal(view.nodes.find((n) => n.id === "src/main.ts")!.entry, true);
});

test("the layout input sizes nodes, keeps every edge and pins the entry to the first layer", () => {
  const input = layoutInput(visibleGraph(graph, state()));
  assert.equal(input.layoutOptions["elk.direction"], "DOWN");
  assert.equal(input.children.length, 5);
  assert.equal(input.edges.length, 4);
  const pinned = input.children.filter((c) => c.layoutOptions?.["elk.layered.layering.layerConstraint"] === "FIRST").map((c) => c.id);
  assert.deepEqual(pinned, ["src/main.ts"]);
  for (const child of input.children) assert.ok(child.width >= 90 && child.height > 0, child.id);
  const known = new Set(input.children.map((c) => c.id));
  for (const edge of input.edges) assert.ok(known.has(edge.sources[0]) && known.has(edge.targets[0]), edge.id);
});

test("a hot file's chain runs through its importers to the boundary; a restart's is the server's", () => {
  assert.deepEqual(chainOf(graph, byPath("src/lib/format.ts")), ["src/lib/format.ts", "src/app.ts"]);
  assert.deepEqual(chainOf(graph, byPath("src/app.ts")), ["src/app.ts"]);
  assert.deepEqual(chainOf(graph, byPath("src/db.ts")), ["src/db.ts", "src/main.ts"]);
  const view = visibleGraph(graph, state({ selected: "src/lib/format.ts" }));
  assert.deepEqual(view.nodes.filter((n) => n.onChain).map((n) => n.id).sort(), ["src/app.ts", "src/lib/format.ts"]);
  assert.deepEqual(view.edges.filter((e) => e.onChain).map((e) => `${e.source} -> ${e.target}`), ["src/app.ts -> src/lib/format.ts"]);
});

test("a collapsed folder is one node with counts; its edges merge and inner edges go", () => {
  const view = visibleGraph(graph, state({ collapsed: new Set(["src"]) }));
  assert.deepEqual(ids(view), ["src/"]);
  assert.deepEqual(view.nodes[0].counts, { modules: 5, hot: 2, restart: 2, other: 1 });
  assert.equal(view.edges.length, 0);
  const lib = visibleGraph(graph, state({ collapsed: new Set(["src/lib"]) }));
  assert.deepEqual(ids(lib), ["src/app.ts", "src/db.ts", "src/lib/", "src/main.ts", "src/unused.ts"]);
  assert.deepEqual(edges(lib), ["src/app.ts -> src/db.ts", "src/app.ts -> src/lib/", "src/main.ts -> src/app.ts", "src/main.ts -> src/db.ts"]);
  assert.equal(representative("src/lib/format.ts", new Set(["src", "src/lib"])), "src/", "the outermost collapsed folder wins");
});

test("the selected file and its chain stay their own nodes inside collapsed folders", () => {
  // format.ts -> app.ts: both sit in the collapsed src, which keeps main, db and unused.
  const view = visibleGraph(graph, state({ collapsed: new Set(["src"]), selected: "src/lib/format.ts" }));
  assert.deepEqual(ids(view), ["src/", "src/app.ts", "src/lib/format.ts"]);
  assert.deepEqual(view.nodes.find((n) => n.id === "src/")!.counts, { modules: 3, hot: 0, restart: 2, other: 1 });
  assert.deepEqual(view.edges.filter((e) => e.onChain).map((e) => `${e.source} -> ${e.target}`), ["src/app.ts -> src/lib/format.ts"]);
  assert.deepEqual(edges(view), ["src/ -> src/app.ts", "src/app.ts -> src/", "src/app.ts -> src/lib/format.ts"]);
  assert.equal(view.nodes.find((n) => n.id === "src/lib/format.ts")!.selected, true);
});

test("filters: restart only, the chain, importers, dependencies", () => {
  const cases: Array<[GraphFilter, string | undefined, string[]]> = [
    ["restart", undefined, ["src/db.ts", "src/main.ts"]],
    ["chain", "src/lib/format.ts", ["src/app.ts", "src/lib/format.ts"]],
    ["chain", "src/db.ts", ["src/db.ts", "src/main.ts"]],
    ["importers", "src/db.ts", ["src/app.ts", "src/db.ts", "src/main.ts"]],
    ["dependencies", "src/app.ts", ["src/app.ts", "src/db.ts", "src/lib/format.ts"]],
  ];
  for (const [filter, selected, expected] of cases) {
    assert.deepEqual(ids(visibleGraph(graph, state({ filter, selected }))), expected, `${filter} ${selected}`);
  }
  const none = visibleGraph(graph, state({ filter: "importers" }));
  assert.equal(none.nodes.length, 5);
  assert.match(none.note!, /Select a file/);
});

test("search marks matching modules and the folders holding them", () => {
  const view = visibleGraph(graph, state({ query: "FORMAT", collapsed: new Set(["src/lib"]) }));
  assert.deepEqual(view.matches, ["src/lib/format.ts"]);
  assert.equal(view.nodes.find((n) => n.id === "src/lib/")!.matches, 1);
  assert.equal(view.nodes.find((n) => n.id === "src/app.ts")!.matches, 0);
});

test("at 1,000 modules the first view folds folders until about 120 nodes show", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hotswap-graph-"));
  try {
    const app = generateWorkspace(dir);
    assert.equal(app.modules.length, 1000);
    assert.ok(app.imports >= 3000, `${app.imports} imports`);
    // The verdicts do not matter here; the shape does.
    const modules: GraphModule[] = app.modules.map((p) => ({ path: p, verdict: "restart", dependencies: [], dependents: [], selfAccept: false, entry: p === app.entry }));
    const big: GraphView = { folder: "file:///big", source: "static", entries: [app.entry], dot: "", modules };
    const collapsed = defaultCollapsed(big);
    const view = visibleGraph(big, state({ collapsed }));
    assert.ok(view.nodes.length <= 120 && view.nodes.length > 1, `${view.nodes.length} nodes`);
    assert.ok(view.nodes.some((n) => n.id === app.entry), "the entry stays its own node");
    const total = view.nodes.reduce((sum, n) => sum + n.counts.modules, 0);
    assert.equal(total, 1000, "every module is counted once");
    assert.equal(folderCounts(big).get("src")!.modules, 1000);
    assert.equal(defaultCollapsed(graph).size, 0, "a small graph shows every module");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the page embeds the data safely and admits only its own nonce's script", () => {
  const template = readFileSync(path.join(import.meta.dirname, "..", "..", "media", "graph.html"), "utf8");
  const evil: GraphView = { ...graph, entries: ["</script><b>{{nonce}}.ts"] };
  const html = graphHtml(template, { graph: evil, readAt: "2026-01-01T00:00:00Z" }, "NONCE", "vscode-resource:", "https://file+.vscode-resource/media/graph.js");
  assert.match(html, /script-src 'nonce-NONCE';/);
  assert.match(html, /<script nonce="NONCE" src="https:\/\/file\+\.vscode-resource\/media\/graph\.js"><\/script>/);
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2, "the data cannot close its element");
  assert.ok(html.includes("\\u003c/script>\\u003cb>{{nonce}}.ts"), "placeholders inside the data stay as they are");
  const data = /<script type="application\/json" id="hotswap-graph-data">(.*)<\/script>/.exec(html)![1];
  assert.deepEqual(JSON.parse(data).graph.entries, evil.entries);
  assert.equal(scriptJson("\u2028"), '"\\u2028"');
  assert.equal(escapeHtml(`<img src=x onerror="a">&'`), "&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;");
});

test("a module outside the folder is opened by its absolute path, POSIX or Windows", () => {
  assert.equal(absoluteModulePath("src/routes.ts"), null);
  assert.equal(absoluteModulePath("../shared/db.ts"), null);
  assert.equal(absoluteModulePath("/work/shared/db.ts"), "/work/shared/db.ts");
  assert.equal(absoluteModulePath("C:/work/shared/db.ts"), "C:/work/shared/db.ts");
  assert.equal(absoluteModulePath("d:/lib/x.ts"), "d:/lib/x.ts");
  // A folder named like a drive is still relative.
  assert.equal(absoluteModulePath("C:folder/x.ts"), null);
});

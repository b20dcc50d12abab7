// The graph panel's layout, chains and HTML for a small TypeScript app.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GraphView } from "../../src/events.ts";
import { escapeHtml, graphHtml } from "../../src/graphHtml.ts";
import { chainOf, layout } from "../../src/graphModel.ts";

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

test("columns go by distance from the entry; unreached modules come last", () => {
  const columns = layout(graph).columns.map((column) => column.map((card) => card.module.path));
  assert.deepEqual(columns, [["src/main.ts"], ["src/app.ts", "src/db.ts"], ["src/lib/format.ts"], ["src/unused.ts"]]);
  const boundaries = layout(graph).columns.flat().filter((card) => card.boundary).map((card) => card.module.path);
  assert.deepEqual(boundaries, ["src/app.ts"]);
});

test("a hot file's chain runs through its importers to the boundary; a restart's is the server's", () => {
  assert.deepEqual(chainOf(graph, byPath("src/lib/format.ts")), ["src/lib/format.ts", "src/app.ts"]);
  assert.deepEqual(chainOf(graph, byPath("src/app.ts")), ["src/app.ts"]);
  assert.deepEqual(chainOf(graph, byPath("src/db.ts")), ["src/db.ts", "src/main.ts"]);
  const { columns } = layout(graph, "src/lib/format.ts");
  assert.deepEqual(columns.flat().filter((card) => card.onChain).map((card) => card.module.path), ["src/app.ts", "src/lib/format.ts"]);
});

test("the page tells hot from restart, marks boundaries and shows the selected chain", () => {
  const html = graphHtml(graph, "src/db.ts", "NONCE", "vscode-resource:");
  assert.match(html, /5 modules: <span class="verdict hot">2 hot<\/span>, <span class="verdict restart">2 restart<\/span>, 1 not in graph/);
  assert.match(html, /class="card restart on-chain" data-path="src\/db.ts"/);
  assert.match(html, /class="card hot" data-path="src\/app.ts"/);
  assert.match(html, /src\/app.ts<span class="badge" title="accepts its own updates">boundary<\/span>/);
  assert.match(html, /data-testid="chain"><b>src\/db.ts<\/b> is <span class="verdict restart">restart<\/span>: <a href="#" data-open="src\/db.ts">src\/db.ts<\/a> → <a href="#" data-open="src\/main.ts">src\/main.ts<\/a>/);
  assert.match(html, /script-src 'nonce-NONCE'/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test("file names cannot inject markup", () => {
  assert.equal(escapeHtml(`<img src=x onerror="a">&'`), "&#60;img src=x onerror=&#34;a&#34;&#62;&#38;&#39;");
  const evil: GraphView = { ...graph, entries: ["<b>.ts"], modules: [{ ...byPath("src/main.ts"), path: "<b>.ts", dependencies: [] }] };
  assert.doesNotMatch(graphHtml(evil, undefined, "N", "x"), /<b>\.ts/);
});

// The module graph view: runs in the VS Code webview and in the file `hotswap graph --html`
// writes (scripts/build.ts bundles it with ELK into media/graph.js). It reads its data from the
// page's #hotswap-graph-data element, lays the visible graph out with ELK's layered algorithm
// and draws it as SVG, with search, filters, collapsible folders, pan and zoom.
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import type { GraphModule } from "../events.ts";
import {
  defaultCollapsed,
  filters,
  folderCounts,
  layoutInput,
  layoutKey,
  nodeDetail,
  nodeTitle,
  visibleGraph,
  type GraphFilter,
  type GraphPageData,
  type ViewState,
  type VisibleGraph,
} from "../graphModel.ts";
import { css } from "./graphStyle.ts";

/** The panel's messages to the page. */
type HostMessage = { type: "graph"; data: GraphPageData } | { type: "select"; path: string };

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const SVG = "http://www.w3.org/2000/svg";
const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : undefined;
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? "";
const elk = new ELK();

let data: GraphPageData = JSON.parse(document.getElementById("hotswap-graph-data")!.textContent!);
const state: { collapsed: Set<string>; filter: GraphFilter; selected?: string; query: string } = {
  collapsed: defaultCollapsed(data.graph),
  filter: "all",
  selected: data.selected,
  query: "",
};
let visible: VisibleGraph;
let laidOut: { key: string; layout: ElkNode } | undefined;
let view = { x: 0, y: 0, k: 1 };
let firstPaint = true;
let drawing = 0;

// ---- the page's skeleton -------------------------------------------------------------

const style = document.createElement("style");
style.nonce = nonce;
style.textContent = css;
document.head.append(style);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}
function svg(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

const header = el("header");
const title = el("h2", {}, "Module graph ");
const source = el("span", { class: "badge", "data-testid": "source" });
title.append(source);
const summary = el("p", { "data-testid": "summary" });
const toolbar = el("div", { class: "toolbar" });
const search = el("input", { type: "search", placeholder: "Search by path", "data-testid": "search", "aria-label": "Search by path" });
const filterSelect = el("select", { "data-testid": "filter", "aria-label": "Filter" });
for (const f of filters) filterSelect.append(el("option", { value: f.value }, f.label));
const buttons = {
  fit: el("button", { "data-testid": "fit", title: "Fit the graph to the window" }, "Fit"),
  zoomIn: el("button", { title: "Zoom in" }, "+"),
  zoomOut: el("button", { title: "Zoom out" }, "−"),
  collapse: el("button", { "data-testid": "collapse-all", title: "Draw each folder as one node" }, "Collapse folders"),
  expand: el("button", { "data-testid": "expand-all", title: "Draw every module" }, "Expand all"),
};
toolbar.append(search, filterSelect, ...Object.values(buttons));
const chainLine = el("p", { class: "chain", "data-testid": "chain" });
const status = el("p", { class: "status", "data-testid": "status" });
header.append(title, summary, toolbar, chainLine, status);

const main = el("div", { class: "main" });
const side = el("aside");
const results = el("ul", { class: "results", "data-testid": "results" });
const foldersTitle = el("h3", {}, "Folders");
const folderList = el("ul", { class: "folders", "data-testid": "folders" });
const legend = el("div", { class: "legend" });
legend.innerHTML =
  '<span class="key hot">hot</span> <span class="key restart">restart</span> <span class="key not-in-graph">not in graph</span> ' +
  '<span class="key boundary">boundary</span> <span class="key accepts">accepts →</span> <span class="key chain">chain</span>';
side.append(results, legend, foldersTitle, folderList);
const canvas = svg("svg", { class: "canvas", "data-testid": "canvas" }) as SVGSVGElement;
const defs = svg("defs");
for (const [id, cls] of [["arrow", "arrow"], ["arrow-chain", "arrow chain"], ["arrow-accepts", "arrow accepts"]]) {
  // In the graph's own units, so arrows shrink with the graph rather than with the stroke.
  const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: cls }));
  defs.append(marker);
}
const scene = svg("g", { class: "scene" });
canvas.append(defs, scene);
main.append(side, canvas);
document.body.append(header, main);

// ---- drawing -------------------------------------------------------------------------

function viewState(): ViewState {
  return { collapsed: state.collapsed, filter: state.filter, selected: state.selected, query: state.query };
}

function time(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** Recomputes what shows; lays it out again only when the nodes or edges changed. */
async function redraw(): Promise<void> {
  const ticket = ++drawing;
  visible = visibleGraph(data.graph, viewState());
  drawText();
  const input = layoutInput(visible);
  const key = layoutKey(input);
  if (laidOut?.key !== key) {
    status.textContent = `Laying out ${input.children.length} nodes and ${input.edges.length} edges…`;
    // Let the message paint before ELK takes the thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const started = performance.now();
    const layout = await elk.layout(input as ElkNode);
    if (ticket !== drawing) return;
    laidOut = { key, layout };
    status.textContent = `${input.children.length} nodes, ${input.edges.length} edges, laid out in ${Math.round(performance.now() - started)} ms.`;
    drawGraph(true);
  } else {
    drawGraph(false);
  }
  if (firstPaint) {
    firstPaint = false;
    requestAnimationFrame(() => {
      // The time from the page's start to the first frame holding the drawn graph.
      const ms = Math.round(performance.now());
      document.body.dataset.firstPaintMs = String(ms);
      status.textContent += ` First paint ${ms} ms after the page started.`;
    });
  }
}

function drawText(): void {
  const { graph } = data;
  const c = { hot: 0, restart: 0, other: 0 };
  for (const module of graph.modules) {
    if (module.verdict === "hot") c.hot++;
    else if (module.verdict === "restart") c.restart++;
    else c.other++;
  }
  source.textContent =
    graph.source === "live"
      ? `live · last update ${data.updatedAt ? time(data.updatedAt) : "none yet"}`
      : `static · read ${time(data.readAt)}`;
  source.className = `badge ${graph.source}`;
  summary.innerHTML = "";
  summary.append(
    `${graph.modules.length} modules: `,
    el("span", { class: "verdict hot" }, `${c.hot} hot`),
    ", ",
    el("span", { class: "verdict restart" }, `${c.restart} restart`),
    c.other ? `, ${c.other} not in graph` : "",
    `. Entries: ${graph.entries.join(", ") || "none"}.`,
  );
  drawChain();
  drawResults();
  drawFolders();
}

function drawChain(): void {
  chainLine.innerHTML = "";
  const selected = visible.selected;
  if (!selected) {
    chainLine.textContent = visible.note ?? "Select a module to see its chain.";
    return;
  }
  chainLine.append(el("b", {}, selected.path), " is ", el("span", { class: `verdict ${selected.verdict}` }, selected.verdict), ": ");
  visible.chain.forEach((path, i) => {
    if (i > 0) chainLine.append(" → ");
    chainLine.append(el("a", { href: "#", "data-open": path }, path));
  });
  chainLine.append(selected.verdict === "restart" ? " (entry: restart)" : selected.verdict === "hot" ? " (boundary)" : "");
  if (visible.note) chainLine.append(el("span", { class: "note" }, ` ${visible.note}`));
}

function drawResults(): void {
  results.innerHTML = "";
  if (!state.query.trim()) return;
  const shown = visible.matches.slice(0, 50);
  results.append(el("li", { class: "count" }, `${visible.matches.length} match${visible.matches.length === 1 ? "" : "es"}`));
  const byPath = new Map(data.graph.modules.map((m) => [m.path, m]));
  for (const path of shown) {
    const item = el("li", { "data-select": path, class: `result ${byPath.get(path)?.verdict ?? ""}` }, path);
    if (path === state.selected) item.classList.add("selected");
    results.append(item);
  }
}

function drawFolders(): void {
  folderList.innerHTML = "";
  for (const [folder, c] of folderCounts(data.graph)) {
    const depth = folder.split("/").length - 1;
    const item = el("li", { "data-folder": folder, class: state.collapsed.has(folder) ? "collapsed" : "" });
    item.style.paddingLeft = `${depth * 12 + 4}px`;
    item.append(
      el("span", { class: "twisty" }, state.collapsed.has(folder) ? "▸" : "▾"),
      ` ${folder.slice(folder.lastIndexOf("/") + 1)}/ `,
      el("span", { class: "counts" }, `${c.modules} · ${c.hot} hot · ${c.restart} restart`),
    );
    folderList.append(item);
  }
}

function edgePath(layoutEdge: { sections?: Array<{ startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: Array<{ x: number; y: number }> }> }): string {
  return (layoutEdge.sections ?? [])
    .map((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" "))
    .join(" ");
}

/** Draws the laid-out graph; `fresh` when the layout changed (then it fits the window). */
function drawGraph(fresh: boolean): void {
  const layout = laidOut!.layout;
  const positions = new Map((layout.children ?? []).map((child) => [child.id, child]));
  const edgeLayout = new Map(((layout.edges ?? []) as Array<{ id: string }>).map((edge) => [edge.id, edge]));
  const selectedId = visible.nodes.find((n) => n.selected)?.id;
  const edgesLayer = svg("g", { class: "edges" });
  const chainLayer = svg("g", { class: "edges chain" });
  for (const edge of visible.edges) {
    const classes = ["edge"];
    if (edge.accepts) classes.push("accepts");
    if (edge.onChain) classes.push("chain");
    else if (selectedId && (edge.source === selectedId || edge.target === selectedId)) classes.push("near");
    const path = svg("path", {
      d: edgePath(edgeLayout.get(edge.id) as never),
      class: classes.join(" "),
      "data-edge": `${edge.source} → ${edge.target}`,
      "marker-end": `url(#${edge.onChain ? "arrow-chain" : edge.accepts ? "arrow-accepts" : "arrow"})`,
    });
    // Edges that stand for many imports between folders are drawn thicker.
    if (edge.count > 1 && !edge.onChain) path.style.strokeWidth = String(Math.min(4, 1 + Math.log2(edge.count)));
    (edge.onChain ? chainLayer : edgesLayer).append(path);
  }
  const modules = new Map(data.graph.modules.map((m) => [m.path, m]));
  const nodesLayer = svg("g", { class: "nodes" });
  const query = state.query.trim() !== "";
  for (const node of visible.nodes) {
    const box = positions.get(node.id);
    if (!box) continue;
    const classes = ["node", node.kind, node.kind === "module" ? node.verdict! : folderVerdict(node.counts)];
    if (node.entry) classes.push("entry");
    if (node.boundary) classes.push("boundary");
    if (node.onChain) classes.push("on-chain");
    if (node.selected) classes.push("selected");
    if (query) classes.push(node.matches ? "match" : node.onChain || node.selected ? "" : "dim");
    const g = svg("g", { class: classes.filter(Boolean).join(" "), transform: `translate(${box.x},${box.y})`, "data-node": node.id, "data-kind": node.kind });
    g.append(svg("rect", { width: box.width!, height: box.height!, rx: 5 }));
    if (node.boundary) g.append(svg("rect", { class: "ring", x: 3, y: 3, width: box.width! - 6, height: box.height! - 6, rx: 3 }));
    const name = svg("text", { x: 10, y: 16, class: "name" });
    name.textContent = nodeTitle(node);
    const detail = svg("text", { x: 10, y: 30, class: "detail" });
    detail.textContent = nodeDetail(node);
    const hint = svg("title");
    hint.textContent = tooltip(node.id, node.kind === "module" ? modules.get(node.id) : undefined, node.counts);
    g.append(name, detail, hint);
    nodesLayer.append(g);
  }
  scene.replaceChildren(edgesLayer, chainLayer, nodesLayer);
  if (fresh) fit();
  else applyView();
}

function folderVerdict(c: { hot: number; restart: number; other: number }): string {
  return c.restart > 0 ? (c.hot > 0 ? "mixed" : "restart") : c.hot > 0 ? "hot" : "not-in-graph";
}

function tooltip(id: string, module: GraphModule | undefined, c: { modules: number; hot: number; restart: number; other: number }): string {
  if (!module) return `${id}: ${c.modules} modules (${c.hot} hot, ${c.restart} restart). Click to expand.`;
  const lines = [`${module.path}: ${module.verdict}`];
  if (module.entry) lines.push("entry");
  if (module.selfAccept) lines.push("accepts its own updates");
  if (module.accepts?.length) lines.push(`accepts ${module.accepts.join(", ")}`);
  if (module.acceptedBy?.length) lines.push(`accepted by ${module.acceptedBy.join(", ")}`);
  lines.push(`imports ${module.dependencies.length}, imported by ${module.dependents.length}`);
  return lines.join("\n");
}

// ---- pan, zoom, fit --------------------------------------------------------------------

function applyView(): void {
  scene.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
}

function fit(): void {
  const layout = laidOut?.layout;
  const { width, height } = canvas.getBoundingClientRect();
  if (!layout?.width || !layout.height || !width || !height) return;
  const k = Math.min(1, (width - 20) / layout.width, (height - 20) / layout.height);
  view = { k, x: (width - layout.width * k) / 2, y: Math.max(10, (height - layout.height * k) / 2) };
  applyView();
}

function zoom(factor: number, cx: number, cy: number): void {
  const k = Math.min(8, Math.max(0.02, view.k * factor));
  view = { k, x: cx - ((cx - view.x) * k) / view.k, y: cy - ((cy - view.y) * k) / view.k };
  applyView();
}

/** Pans and zooms so that the given nodes fill the window (at most at full size). */
function fitTo(ids: Set<string>): void {
  const boxes = (laidOut?.layout.children ?? []).filter((child) => ids.has(child.id));
  if (boxes.length === 0) return;
  const x0 = Math.min(...boxes.map((b) => b.x!)) - 20;
  const y0 = Math.min(...boxes.map((b) => b.y!)) - 20;
  const x1 = Math.max(...boxes.map((b) => b.x! + b.width!)) + 20;
  const y1 = Math.max(...boxes.map((b) => b.y! + b.height!)) + 20;
  const { width, height } = canvas.getBoundingClientRect();
  const k = Math.min(1, width / (x1 - x0), height / (y1 - y0));
  view = { k, x: width / 2 - ((x0 + x1) / 2) * k, y: height / 2 - ((y0 + y1) / 2) * k };
  applyView();
}

canvas.addEventListener("wheel", (event) => {
  event.preventDefault();
  const rect = canvas.getBoundingClientRect();
  zoom(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
}, { passive: false });

let drag: { x: number; y: number; moved: boolean } | undefined;
canvas.addEventListener("pointerdown", (event) => {
  drag = { x: event.clientX, y: event.clientY, moved: false };
});
window.addEventListener("pointermove", (event) => {
  if (!drag) return;
  const dx = event.clientX - drag.x;
  const dy = event.clientY - drag.y;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  drag.moved = true;
  canvas.classList.add("panning");
  view.x += dx;
  view.y += dy;
  drag.x = event.clientX;
  drag.y = event.clientY;
  applyView();
});
window.addEventListener("pointerup", () => {
  canvas.classList.remove("panning");
  setTimeout(() => (drag = undefined), 0);
});
window.addEventListener("resize", () => fit());

// ---- interaction ----------------------------------------------------------------------

/** Opens a collapsed folder: its modules show, its subfolders stay folded. */
function expand(folder: string): void {
  for (const f of [...state.collapsed]) if (f === folder || f.startsWith(`${folder}/`)) state.collapsed.delete(f);
  const depth = folder.split("/").length + 1;
  for (const [f] of folderCounts(data.graph)) if (f.startsWith(`${folder}/`) && f.split("/").length === depth) state.collapsed.add(f);
}

function select(path: string, open: boolean): void {
  state.selected = path;
  // The panel keeps the selection, so the next graph it sends keeps it too.
  vscode?.postMessage({ type: open ? "open" : "select", path });
  // The selected file and its chain fill the window.
  void redraw().then(() => fitTo(new Set(visible.nodes.filter((n) => n.selected || n.onChain).map((n) => n.id))));
}

canvas.addEventListener("click", (event) => {
  if (drag?.moved) return;
  const node = (event.target as Element).closest("[data-node]");
  if (!node) return;
  const id = node.getAttribute("data-node")!;
  if (node.getAttribute("data-kind") === "folder") {
    expand(id.slice(0, -1));
    void redraw();
  } else {
    select(id, true);
  }
});

document.addEventListener("click", (event) => {
  const target = event.target as Element;
  const open = target.closest("[data-open]");
  if (open) {
    event.preventDefault();
    select(open.getAttribute("data-open")!, true);
    return;
  }
  const result = target.closest("[data-select]");
  if (result) {
    select(result.getAttribute("data-select")!, false);
    return;
  }
  const folder = target.closest("[data-folder]");
  if (folder) {
    const path = folder.getAttribute("data-folder")!;
    if (state.collapsed.has(path)) state.collapsed.delete(path);
    else state.collapsed.add(path);
    void redraw();
  }
});

// Typing redraws once it pauses: at 1,000 drawn modules a redraw takes a while.
let typing: ReturnType<typeof setTimeout> | undefined;
search.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.query = search.value;
    void redraw();
  }, 120);
});
search.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  clearTimeout(typing);
  state.query = search.value;
  const first = visibleGraph(data.graph, viewState()).matches[0];
  if (first) select(first, false);
  else void redraw();
});
filterSelect.addEventListener("change", () => {
  state.filter = filterSelect.value as GraphFilter;
  void redraw();
});
buttons.fit.addEventListener("click", () => fit());
buttons.zoomIn.addEventListener("click", () => zoom(1.25, canvas.clientWidth / 2, canvas.clientHeight / 2));
buttons.zoomOut.addEventListener("click", () => zoom(0.8, canvas.clientWidth / 2, canvas.clientHeight / 2));
buttons.collapse.addEventListener("click", () => {
  // Folded as far as it goes while the entries stay their own nodes.
  state.collapsed = defaultCollapsed(data.graph, 1);
  void redraw();
});
buttons.expand.addEventListener("click", () => {
  state.collapsed = new Set();
  void redraw();
});

window.addEventListener("message", (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.type === "graph") {
    data = message.data;
    if (message.data.selected !== undefined) state.selected = message.data.selected;
    void redraw();
  } else if (message?.type === "select" && message.path !== state.selected) {
    select(message.path, false);
  }
});

void redraw();

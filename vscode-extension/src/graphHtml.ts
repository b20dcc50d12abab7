// Renders the module graph panel's HTML from a GraphView. Hot and restart modules get their own
// colours, boundaries a badge, and the selected file's chain is drawn above the columns.
import type { GraphView } from "./events.ts";
import { layout, type ModuleCard } from "./graphModel.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page for a graph; `nonce` allows only this page's own script (the CSP forbids any other). */
export function graphHtml(graph: GraphView, selectedPath: string | undefined, nonce: string, cspSource: string): string {
  const { columns, chain, selected } = layout(graph, selectedPath);
  const counts = { hot: 0, restart: 0, other: 0 };
  for (const module of graph.modules) {
    if (module.verdict === "hot") counts.hot++;
    else if (module.verdict === "restart") counts.restart++;
    else counts.other++;
  }
  const chainHtml = selected
    ? `<p class="chain" data-testid="chain"><b>${escapeHtml(selected.path)}</b> is <span class="verdict ${selected.verdict}">${selected.verdict}</span>: ${chain
        .map((path) => `<a href="#" data-open="${escapeHtml(path)}">${escapeHtml(path)}</a>`)
        .join(" → ")}${selected.verdict === "restart" ? " (entry: restart)" : selected.verdict === "hot" ? " (boundary)" : ""}</p>`
    : `<p class="chain">Select a module to see its chain.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Hotswap module graph</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px; }
.columns { display: flex; gap: 18px; align-items: flex-start; overflow-x: auto; }
.column { display: flex; flex-direction: column; gap: 8px; min-width: 180px; }
.card { border: 1px solid var(--vscode-panel-border, #888); border-left-width: 5px; border-radius: 4px; padding: 6px 8px; cursor: pointer; }
.card.hot { border-left-color: #3fb950; }
.card.restart { border-left-color: #f85149; }
.card.not-in-graph { border-left-color: #8b949e; opacity: 0.7; }
.card.on-chain { outline: 2px solid var(--vscode-focusBorder, #0078d4); }
.card .path { font-family: var(--vscode-editor-font-family); font-weight: 600; }
.card .meta { font-size: 0.85em; opacity: 0.8; }
.badge { font-size: 0.75em; border-radius: 8px; padding: 0 6px; margin-left: 4px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.verdict.hot { color: #3fb950; } .verdict.restart { color: #f85149; }
a { color: var(--vscode-textLink-foreground); }
</style>
</head>
<body>
<h2>Module graph <span class="badge">${graph.source}</span></h2>
<p data-testid="summary">${graph.modules.length} modules: <span class="verdict hot">${counts.hot} hot</span>, <span class="verdict restart">${counts.restart} restart</span>${counts.other ? `, ${counts.other} not in graph` : ""}. Entries: ${graph.entries.map(escapeHtml).join(", ") || "none"}.</p>
${chainHtml}
<div class="columns">
${columns.map((column) => `<div class="column">\n${column.map(cardHtml).join("\n")}\n</div>`).join("\n")}
</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener("click", (event) => {
  const open = event.target.closest("[data-open]");
  if (open) { event.preventDefault(); vscode.postMessage({ type: "open", path: open.dataset.open }); return; }
  const card = event.target.closest("[data-path]");
  if (card) vscode.postMessage({ type: "select", path: card.dataset.path });
});
</script>
</body>
</html>
`;
}

function cardHtml(card: ModuleCard): string {
  const { module } = card;
  const classes = ["card", module.verdict, card.onChain ? "on-chain" : ""].filter(Boolean).join(" ");
  const badges = [
    module.entry ? `<span class="badge">entry</span>` : "",
    card.boundary ? `<span class="badge" title="${escapeHtml(boundaryTitle(card))}">boundary</span>` : "",
  ].join("");
  const imports = module.dependencies.length ? `imports ${module.dependencies.map(escapeHtml).join(", ")}` : "imports nothing";
  return `<div class="${classes}" data-path="${escapeHtml(module.path)}" title="${escapeHtml(module.path)}: ${module.verdict}">
<div class="path">${escapeHtml(module.path)}${badges}</div>
<div class="meta"><span class="verdict ${module.verdict}">${module.verdict}</span> · ${imports}</div>
</div>`;
}

function boundaryTitle(card: ModuleCard): string {
  const parts = [];
  if (card.module.selfAccept) parts.push("accepts its own updates");
  if (card.module.accepts?.length) parts.push(`accepts ${card.module.accepts.join(", ")}`);
  return parts.join("; ");
}

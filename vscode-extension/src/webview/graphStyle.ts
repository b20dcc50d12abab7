// The graph view's style sheet. Colours come from VS Code's theme variables, with fallbacks for
// the standalone file (`hotswap graph --html`), which follows the system's light or dark mode.
export const css = `
:root {
  --hs-bg: var(--vscode-editor-background, #ffffff);
  --hs-fg: var(--vscode-foreground, #1f2328);
  --hs-muted: var(--vscode-descriptionForeground, #656d76);
  --hs-border: var(--vscode-panel-border, #d0d7de);
  --hs-hot: var(--vscode-charts-green, #1a7f37);
  --hs-restart: var(--vscode-charts-red, #cf222e);
  --hs-other: var(--vscode-disabledForeground, #8c959f);
  --hs-accent: var(--vscode-focusBorder, #0969da);
  --hs-chain: var(--vscode-charts-orange, #d18616);
  --hs-node: var(--vscode-editorWidget-background, #f6f8fa);
  --hs-match: var(--vscode-editor-findMatchHighlightBackground, rgba(234, 184, 0, 0.45));
  --hs-font: var(--vscode-font-family, system-ui, sans-serif);
  --hs-mono: var(--vscode-editor-font-family, ui-monospace, monospace);
}
@media (prefers-color-scheme: dark) {
  body:not(.vscode-light):not(.vscode-high-contrast-light) {
    --hs-bg: var(--vscode-editor-background, #0d1117);
    --hs-fg: var(--vscode-foreground, #e6edf3);
    --hs-muted: var(--vscode-descriptionForeground, #8d96a0);
    --hs-border: var(--vscode-panel-border, #30363d);
    --hs-hot: var(--vscode-charts-green, #3fb950);
    --hs-restart: var(--vscode-charts-red, #f85149);
    --hs-node: var(--vscode-editorWidget-background, #161b22);
  }
}
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; background: var(--hs-bg); color: var(--hs-fg); font-family: var(--hs-font); font-size: 13px; }
header { padding: 6px 12px 0; }
h2 { margin: 4px 0; font-size: 1.2em; }
h3 { margin: 10px 0 4px; font-size: 1em; }
p { margin: 4px 0; }
.badge { font-size: 0.75em; font-weight: normal; border-radius: 8px; padding: 1px 7px; margin-left: 6px; background: var(--vscode-badge-background, #ddf4ff); color: var(--vscode-badge-foreground, #0969da); }
.verdict.hot { color: var(--hs-hot); } .verdict.restart { color: var(--hs-restart); } .verdict.not-in-graph { color: var(--hs-other); }
.toolbar { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
input, select { background: var(--vscode-input-background, transparent); color: var(--vscode-input-foreground, inherit); border: 1px solid var(--vscode-input-border, var(--hs-border)); padding: 3px 6px; font: inherit; }
input[type=search] { min-width: 260px; }
button { background: var(--vscode-button-secondaryBackground, #eaeef2); color: var(--vscode-button-secondaryForeground, inherit); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 9px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-secondaryHoverBackground, #d0d7de); }
.chain { font-family: var(--hs-mono); }
.chain .note, .status { color: var(--hs-muted); font-size: 0.9em; }
a { color: var(--vscode-textLink-foreground, #0969da); }
.main { flex: 1; display: flex; min-height: 0; border-top: 1px solid var(--hs-border); }
aside { width: 210px; flex: none; overflow: auto; padding: 6px 8px; border-right: 1px solid var(--hs-border); font-size: 12px; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { padding: 1px 4px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
aside li:hover { background: var(--vscode-list-hoverBackground, #eaeef2); }
.results li.count { cursor: default; color: var(--hs-muted); }
.results li.selected, .folders li.collapsed { font-weight: bold; }
.results li.hot { border-left: 3px solid var(--hs-hot); } .results li.restart { border-left: 3px solid var(--hs-restart); }
.folders .counts { color: var(--hs-muted); }
.legend { margin: 8px 0; line-height: 1.8; }
.key { border: 1px solid var(--hs-border); border-left-width: 4px; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
.key.hot { border-left-color: var(--hs-hot); } .key.restart { border-left-color: var(--hs-restart); } .key.not-in-graph { border-left-color: var(--hs-other); }
.key.boundary { outline: 1px solid var(--hs-accent); outline-offset: -3px; }
.key.accepts { border-color: var(--hs-hot); border-style: dashed; }
.key.chain { border-color: var(--hs-chain); border-width: 2px; }
.canvas { flex: 1; min-width: 0; height: 100%; cursor: grab; user-select: none; }
.canvas.panning { cursor: grabbing; }
.edges { pointer-events: none; }
.edge { fill: none; stroke: var(--hs-muted); stroke-opacity: 0.35; stroke-width: 1; vector-effect: non-scaling-stroke; }
.edge.accepts { stroke: var(--hs-hot); stroke-dasharray: 5 3; stroke-opacity: 0.8; }
.edge.near { stroke: var(--hs-accent); stroke-opacity: 0.8; stroke-width: 1.5; }
.edge.chain { stroke: var(--hs-chain); stroke-opacity: 1; stroke-width: 3.5; }
.arrow { fill: var(--hs-muted); } .arrow.chain { fill: var(--hs-chain); } .arrow.accepts { fill: var(--hs-hot); }
.node { cursor: pointer; }
.node rect { fill: var(--hs-node); stroke: var(--hs-other); stroke-width: 1; }
.node.hot > rect:first-child { stroke: var(--hs-hot); stroke-width: 2; }
.node.restart > rect:first-child { stroke: var(--hs-restart); stroke-width: 2; }
.node.mixed > rect:first-child { stroke: var(--hs-restart); stroke-width: 2; stroke-dasharray: 6 3; }
.node.hot > rect:first-child { fill: color-mix(in srgb, var(--hs-hot) 14%, var(--hs-node)); }
.node.restart > rect:first-child { fill: color-mix(in srgb, var(--hs-restart) 14%, var(--hs-node)); }
.node.not-in-graph { opacity: 0.75; }
.node.folder > rect:first-child { stroke-width: 3; }
.node .ring { fill: none; stroke: var(--hs-accent); stroke-width: 1.5; }
.node.entry > rect:first-child { stroke-width: 3; }
.node.on-chain > rect:first-child { stroke: var(--hs-chain); stroke-width: 4; }
.node.selected > rect:first-child { stroke: var(--hs-accent); stroke-width: 5; }
.node.match > rect:first-child { fill: var(--hs-match); }
.node.dim { opacity: 0.3; }
.node text { fill: var(--hs-fg); font-size: 12px; pointer-events: none; }
.node .name { font-family: var(--hs-mono); font-weight: 600; }
.node .detail { fill: var(--hs-muted); font-size: 10px; }
`;

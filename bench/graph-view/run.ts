// Measures the module graph view (vscode-extension/media/graph.js, the same bundle the VS Code
// panel loads) at 1,000 modules and about 3,200 imports: `hotswap graph --html` writes the page
// for the generated app of vscode-extension/test/bigWorkspace.ts, Debian's Chromium opens it,
// and the view reports its own times. Rows: the first paint (folders folded, as the panel
// opens), the layout of all 1,000 modules, and selecting a file (its chain drawn). Median of
// GRAPH_RUNS runs (default 3). Needs bin/hotswap (make build) and /usr/bin/chromium.
//
//   PATH="$(dirname "$(scripts/node.sh lts)"):$PATH" node bench/graph-view/run.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "../../vscode-extension/node_modules/playwright-core/index.mjs";
import { generateWorkspace } from "../../vscode-extension/test/bigWorkspace.ts";

const root = path.join(import.meta.dirname, "..", "..");
const runs = Number(process.env.GRAPH_RUNS ?? 3);
const work = mkdtempSync(path.join(tmpdir(), "hotswap-graph-bench-"));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const app = generateWorkspace(path.join(work, "app"));
  const page = path.join(work, "graph.html");
  execFileSync(path.join(root, "bin", "hotswap"), ["graph", "--html", page, path.join(work, "app")], { stdio: "ignore" });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const rows: Record<string, number[]> = { firstPaint: [], foldedLayout: [], wholeLayout: [], select: [] };
  const status = (text: RegExp) => (tab: import("playwright-core").Page) =>
    tab.waitForFunction((source) => new RegExp(source).test(document.querySelector("[data-testid=status]")!.textContent!), text.source, { timeout: 300_000 });
  for (let run = 0; run < runs; run++) {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await tab.goto(`file://${page}`);
    await tab.waitForSelector("body[data-first-paint-ms]", { timeout: 300_000 });
    rows.firstPaint.push(Number(await tab.getAttribute("body", "data-first-paint-ms")));
    rows.foldedLayout.push(Number(/laid out in (\d+) ms/.exec((await tab.textContent("[data-testid=status]"))!)![1]));
    await tab.click("[data-testid=expand-all]");
    await status(/^1000 nodes, \d+ edges, laid out in/)(tab);
    rows.wholeLayout.push(Number(/laid out in (\d+) ms/.exec((await tab.textContent("[data-testid=status]"))!)![1]));
    await tab.click("[data-testid=collapse-all]");
    await status(/^\d{1,2} nodes, .*laid out in/)(tab);
    await tab.fill("[data-testid=search]", "billing7");
    const started = Date.now();
    await tab.click('[data-select="src/services/billing/billing7.js"]');
    await tab.waitForSelector('[data-node="src/services/billing/billing7.js"].selected', { timeout: 60_000 });
    rows.select.push(Date.now() - started);
    await tab.close();
  }
  await browser.close();
  console.log(`graph view: ${app.modules.length} modules, ${app.imports} imports, median of ${runs} runs (ms)`);
  console.log("| what | ms |\n| --- | ---: |");
  console.log(`| first paint, folders folded (from the page's start) | ${median(rows.firstPaint)} |`);
  console.log(`| ELK layout of the folded view | ${median(rows.foldedLayout)} |`);
  console.log(`| ELK layout of all 1,000 modules (Expand all) | ${median(rows.wholeLayout)} |`);
  console.log(`| select a search result until its chain is drawn | ${median(rows.select)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

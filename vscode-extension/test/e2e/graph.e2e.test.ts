// The module graph panel on a generated app of 1,000 modules and about 3,200 imports, in a real
// VS Code (code-server) driven by Chromium: the panel opens with folders collapsed, expands to
// the whole graph, searches a file, selects it and highlights its restart chain edge by edge,
// expands a folder on click and opens a file on click. Screenshots and the measured times go to
// test-results/vscode-extension-graph/ at the repository root.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { BrowserContext, FrameLocator, Page } from "playwright-core";
import { generateWorkspace } from "../bigWorkspace.ts";
import {
  beginRun,
  codeServerBin,
  installExtension,
  node24,
  prepareDirs,
  repoRoot,
  startCodeServer,
  vsix,
  withHotswapLog,
  type CodeServer,
  type CodeServerDirs,
} from "./codeServer.ts";
import { launchBrowser, runCommand } from "./workbench.ts";

const artifacts = path.join(repoRoot, "test-results", "vscode-extension-graph");

let work: string;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;
let page: Page;
let dirs: CodeServerDirs | undefined;
let step = 0;

async function shot(name: string): Promise<void> {
  step++;
  await page.screenshot({ path: path.join(artifacts, `${String(step).padStart(2, "0")}-${name}.png`) });
}

before(() => {
  work = beginRun(artifacts, "hotswap-graph-e2e-");
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the graph panel reads a 1,000-module app", { timeout: 300_000 }, async () => {
  try {
    await scenario();
  } catch (error) {
    if (browser) await shot("failure").catch(() => undefined);
    throw withHotswapLog(error, dirs);
  }
});

/** Waits until the view's status line says a layout of `nodes` nodes finished. */
async function laidOut(graph: FrameLocator, nodes: RegExp, timeout = 120_000): Promise<string> {
  const status = graph.locator("[data-testid=status]", { hasText: "laid out" });
  await status.filter({ hasText: nodes }).waitFor({ timeout });
  return status.innerText();
}

async function scenario(): Promise<void> {
  const project = path.join(work, "big-app");
  const app = generateWorkspace(project);
  dirs = prepareDirs(path.join(work, "code-server"), {
    // The other end-to-end test runs the light theme; this one checks the view follows a dark one.
    "workbench.colorTheme": "Default Dark Modern",
    "workbench.startupEditor": "none",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.disableAIFeatures": true,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
  });
  assert.match(await installExtension(codeServerBin, node24, dirs, vsix), /successfully installed/);
  server = await startCodeServer(codeServerBin, node24, dirs, project);
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  // Messages of every frame, the webview's included: the view must not trip its own policy.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });

  // Open the entry; its code lens says the analysis of the whole app is done.
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input").fill("src/main.js");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "main.js" }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press("Enter");
  await page.locator(".codelens-decoration", { hasText: "restart" }).first().waitFor({ timeout: 90_000 });

  // Open the panel: at 1,000 modules folders start collapsed, each with its counts. The side
  // bar goes away to give the panel room.
  await page.keyboard.press("Control+B");
  const opened = Date.now();
  await runCommand(page, "Hotswap: Show module graph");
  const graph = page.frameLocator("iframe.webview").frameLocator("iframe#active-frame");
  await graph.locator("[data-node]").first().waitFor({ timeout: 120_000 });
  const commandToGraphMs = Date.now() - opened;
  const body = graph.locator("body[data-first-paint-ms]");
  await body.waitFor({ timeout: 30_000 });
  const firstPaintMs = Number(await body.getAttribute("data-first-paint-ms"));
  assert.match(await graph.locator("[data-testid=summary]").innerText(), new RegExp(`^${app.modules.length} modules: \\d+ hot, \\d+ restart`));
  assert.match(await graph.locator("[data-testid=source]").innerText(), /static · read \d/);
  const folders = graph.locator('[data-kind="folder"]');
  assert.ok((await folders.count()) >= 3, "folders are collapsed at first");
  const services = graph.locator('[data-node="src/services/"]');
  assert.match((await services.textContent()) ?? "", /services\/ \(210\)/);
  assert.equal(await graph.locator('[data-node="src/main.js"].entry').count(), 1, "the entry is its own node");
  // The view takes the editor's colours: a dark theme gives a dark page.
  const background = await graph.locator("body").evaluate(
    // Runs in the page, whose getComputedStyle this file (Node types only) does not know.
    (element) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  assert.ok(r + g + b < 200, `the page follows the dark theme, background ${background}`);
  await page.waitForTimeout(300);
  await shot("collapsed-folders");

  // Expand everything: 1,000 nodes and every import.
  await graph.locator("[data-testid=expand-all]").click();
  const whole = await laidOut(graph, /^1000 nodes, \d+ edges/);
  const wholeLayoutMs = Number(/laid out in (\d+) ms/.exec(whole)![1]);
  assert.equal(await graph.locator("[data-node]").count(), 1000);
  assert.equal(await graph.locator("path.edge").count(), app.imports);
  await page.waitForTimeout(300);
  await shot("whole-graph");

  // Back to folders, then search a file: the result list names it and its folder lights up.
  await graph.locator("[data-testid=collapse-all]").click();
  await laidOut(graph, /^\d{1,2} nodes/);
  assert.equal(await graph.locator('[data-node="src/main.js"]').count(), 1, "the entry stays out of the folders");
  const target = "src/services/billing/billing7.js";
  await graph.locator("[data-testid=search]").fill("billing7");
  await graph.locator(`[data-testid=results] [data-select="${target}"]`).waitFor({ timeout: 10_000 });
  assert.equal(await graph.locator('[data-node="src/services/"].match').count(), 1, "the folder holding the match is marked");
  await shot("search");

  // Select it: the folders along its chain open, and the chain to the entry is highlighted edge by edge.
  await graph.locator(`[data-testid=results] [data-select="${target}"]`).click();
  await graph.locator(`[data-node="${target}"].selected`).waitFor({ timeout: 60_000 });
  const chainText = await graph.locator("[data-testid=chain]").innerText();
  const chain = chainText.replace(/^.*?: /, "").replace(/ \(.*\)$/, "").split(" → ");
  assert.match(chainText, new RegExp(`^${target} is restart: ${target} → .* → src/main\\.js \\(entry: restart\\)$`));
  const chainEdges = (await graph.locator("path.edge.chain").evaluateAll((paths) => paths.map((p) => p.getAttribute("data-edge")))).sort();
  // Each step runs from a module to its importer; the edge goes from the importer (or the
  // collapsed folder holding it) to the module.
  assert.equal(chainEdges.length, chain.length - 1, `chain ${chain.join(" → ")}; edges ${chainEdges.join(", ")}`);
  assert.ok(chainEdges.some((edge) => edge!.endsWith(` → ${target}`)), chainEdges.join(", "));
  assert.ok(chainEdges.includes("src/main.js → src/app.js"), chainEdges.join(", "));
  assert.equal(await graph.locator("[data-node].on-chain").count(), chain.length);
  await shot("chain");

  // The chain filter keeps only the chain.
  await graph.locator("[data-testid=filter]").selectOption("chain");
  await laidOut(graph, new RegExp(`^${chain.length} nodes, ${chain.length - 1} edges`));
  await shot("chain-filter");
  await graph.locator("[data-testid=filter]").selectOption("all");
  await laidOut(graph, /nodes/);

  // A collapsed folder opens on click.
  await graph.locator('[data-node="src/lib/"]').waitFor({ timeout: 60_000 });
  await graph.locator("[data-testid=fit]").click();
  const lib = graph.locator('[data-node="src/lib/"]');
  await lib.click();
  await graph.locator('[data-node="src/lib/util/"]').waitFor({ timeout: 60_000 });
  await shot("folder-expanded");

  // Clicking a module opens the file in the editor.
  await graph.locator("[data-testid=fit]").click();
  await graph.locator('[data-node="src/app.js"]').click();
  await page.locator(".tabs-container .tab", { hasText: "app.js" }).first().waitFor({ timeout: 20_000 });

  assert.deepEqual(violations.filter((text) => /graph|webview|nonce|inline/i.test(text)), [], "content security policy violations");
  const metrics = { modules: app.modules.length, imports: app.imports, firstPaintMs, commandToGraphMs, wholeLayoutMs };
  writeFileSync(path.join(artifacts, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
  console.log(`graph panel at ${app.modules.length} modules: ${JSON.stringify(metrics)}`);
}

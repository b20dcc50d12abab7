// End to end in a real VS Code (code-server) driven by Chromium: the packaged .vsix is
// installed, the example app is opened, the status item and a code lens show, the app starts,
// an edit saved in the editor reaches the running app, and the update log shows it.
// Screenshots go to test-results/vscode-extension/ at the repository root.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import {
  beginRun,
  codeServerBin,
  installExtension,
  node24,
  pinnedNode,
  prepareDirs,
  readLogs,
  repoRoot,
  startCodeServer,
  vsix,
  withHotswapLog,
  type CodeServer,
  type CodeServerDirs,
} from "./codeServer.ts";
import { freePort, launchBrowser, runCommand, waitForStatus } from "./workbench.ts";

const artifacts = path.join(repoRoot, "test-results", "vscode-extension");
const appNode = pinnedNode("lts");

let work: string;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;
let page: Page;
let logDirs: CodeServerDirs | undefined;
let project: string;
let step = 0;

async function shot(name: string): Promise<void> {
  step++;
  await page.screenshot({ path: path.join(artifacts, `${String(step).padStart(2, "0")}-${name}.png`) });
}

/** Polls `read` until its text matches (output channels reach their log files a little later). */
async function eventually(read: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) assert.fail(`never matched ${pattern}; last:\n${read().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Writes the project's .vscode/settings.json; with `live`, waits until the client has sent the
 * change to the server (the trace channel logs each didChangeConfiguration).
 */
async function applySettings(settings: object, live = true): Promise<void> {
  const sent = () => (readLogs(logDirs!, "Hotswap LSP Trace").match(/Sending notification 'workspace\/didChangeConfiguration'/g) ?? []).length;
  const before = sent();
  mkdirSync(path.join(project, ".vscode"), { recursive: true });
  writeFileSync(path.join(project, ".vscode", "settings.json"), JSON.stringify(settings));
  if (!live) return;
  const deadline = Date.now() + 15_000;
  while (sent() <= before) {
    if (Date.now() > deadline) assert.fail(`the settings ${JSON.stringify(settings)} never reached the server`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Puts the cursor at the end of a line of the active editor. */
async function goToLineEnd(line: number): Promise<void> {
  await page.keyboard.press("Control+G");
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
  await page.keyboard.press("End");
}

async function get(url: string): Promise<string> {
  return (await fetch(url, { signal: AbortSignal.timeout(5000) })).text();
}

before(async () => {
  work = beginRun(artifacts, "hotswap-e2e-");
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the extension drives the example app in VS Code", { timeout: 300_000 }, async () => {
  try {
    await scenario();
  } catch (error) {
    // The Hotswap output channel says what the server and the app did.
    if (browser) await shot("failure").catch(() => undefined);
    throw withHotswapLog(error, logDirs);
  }
});

async function scenario(): Promise<void> {
  project = path.join(work, "project");
  cpSync(path.join(repoRoot, "hmr", "example", "app"), project, { recursive: true });
  const port = await freePort();
  const envFile = path.join(work, "app.env");
  writeFileSync(envFile, `PORT=${port}\n`);
  const dirs = prepareDirs(path.join(work, "code-server"), {
    "workbench.startupEditor": "none",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.disableAIFeatures": true,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "hotswap.nodePath": appNode,
    "hotswap.nodeArgs": [`--env-file=${envFile}`],
    "hotswap.trace.server": "messages",
  });
  logDirs = dirs;
  const installed = await installExtension(codeServerBin, node24, dirs, vsix);
  assert.match(installed, /successfully installed/);

  server = await startCodeServer(codeServerBin, node24, dirs, project);
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });

  // The language server analyses the project: a code lens and the idle status show.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "greeting.js" }).click({ timeout: 30_000 });
  const lens = page.locator(".codelens-decoration", { hasText: "hot: accepted by server.js" }).first();
  await lens.waitFor({ timeout: 60_000 });
  assert.match(await waitForStatus(page, /Hotswap: idle/, 30_000), /App not running/);
  await shot("idle-status-and-code-lens");
  // The server is the binary inside the .vsix, and the project (which has no node_modules)
  // gets the runtime bundled beside it.
  const installedDir = path.join(dirs.extensions, "hotswap.hotswap-vscode-0.1.0");
  const logs = readLogs(dirs);
  assert.ok(logs.includes(`at ${path.join(installedDir, "bin", "hotswap")} (bundled with the extension)`), logs.slice(-2000));
  assert.ok(logs.includes(`runtime: ${path.join(installedDir, "runtime", "hmr", "runtime", "register.js")} (bundled)`), logs.slice(-2000));
  // hotswap.trace.server = messages logs the LSP traffic in its own channel.
  await eventually(() => readLogs(dirs, "Hotswap LSP Trace"), /Sending request 'initialize/);

  // Start the app and see it serve.
  await runCommand(page, "Hotswap: Start app with hot reload");
  await waitForStatus(page, /Hotswap: running/, 60_000);
  await shot("running");
  assert.match(await get(`http://127.0.0.1:${port}/`), /Hello from Hotswap!\nvisits: 1 /);
  // The app's own output reaches its channel.
  await eventually(() => readLogs(dirs, "Hotswap App"), new RegExp(`example: listening on http://127\\.0\\.0\\.1:${port}`));

  // Edit the greeting in the editor and save: the update reaches the app without a restart.
  await page.locator(".monaco-editor .view-lines").first().click();
  await goToLineEnd(3);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" (edited in VS Code)");
  await page.keyboard.press("Control+S");
  const status = await waitForStatus(page, /Hotswap: hot update (<1|\d+) ms/, 30_000);
  assert.match(status, /hot update/);

  await runCommand(page, "Hotswap: Show update log");
  const entry = page.locator(".part.panel .monaco-list-row", { hasText: "greeting.js" }).first();
  await entry.waitFor({ timeout: 20_000 });
  assert.match(await entry.innerText(), /greeting\.js\s*hot · (<1|\d+) ms · 0 loaded, 2 re-evaluated/);
  await entry.click();
  await page.locator(".part.panel .monaco-list-row", { hasText: "re-evaluated (2)" }).waitFor({ timeout: 10_000 });
  await shot("update-log");
  assert.match(await get(`http://127.0.0.1:${port}/`), /Hello from Hotswap! \(edited in VS Code\)\nvisits: 2 /);

  // A syntax error is a failed entry whose click puts the cursor on the error's line.
  await goToLineEnd(3);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" +");
  await page.keyboard.press("Control+S");
  assert.match(await waitForStatus(page, /Hotswap: update failed/, 30_000), /greeting\.js:3:\d+/);
  const failed = page.locator(".part.panel .monaco-list-row", { hasText: "syntax error" }).first();
  await failed.waitFor({ timeout: 20_000 });
  await page.keyboard.press("Control+Home");
  await page.locator(".statusbar-item", { hasText: "Ln 1, Col 1" }).waitFor({ timeout: 5_000 });
  await failed.click();
  await page.locator(".statusbar-item", { hasText: /Ln 3, Col \d+/ }).waitFor({ timeout: 10_000 });
  await shot("failed-update-opened-at-error");
  assert.match(await get(`http://127.0.0.1:${port}/`), /Hello from Hotswap! \(edited in VS Code\)\nvisits: 3 /, "the old code keeps running");

  // Fixing it is hot again.
  await goToLineEnd(3);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Control+S");
  await waitForStatus(page, /Hotswap: hot update/, 30_000);
  assert.equal(await page.locator(".part.panel .monaco-list-row", { hasText: /hot · / }).count(), 2);

  // onSave "manual": a save waits for Push saved changes.
  await applySettings({ "hotswap.onSave": "manual" });
  await goToLineEnd(3);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" [pushed]");
  await page.keyboard.press("Control+S");
  await page.waitForTimeout(1500);
  assert.equal(await page.locator(".part.panel .monaco-list-row", { hasText: /hot · / }).count(), 2, "a manual save is not pushed");
  assert.doesNotMatch(await get(`http://127.0.0.1:${port}/`), /\[pushed\]/);
  await runCommand(page, "Hotswap: Push saved changes to the app");
  await page.locator(".part.panel .monaco-list-row", { hasText: /hot · / }).nth(2).waitFor({ timeout: 20_000 });
  assert.match(await get(`http://127.0.0.1:${port}/`), /Hello from Hotswap! \(edited in VS Code\) \[pushed\]\n/);

  // Explain this file: the server's explanation shows as a notification.
  await runCommand(page, "Hotswap: Explain this file");
  await page.locator(".notification-toast", { hasText: "greeting.js" }).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500); // let the toast finish sliding in before the screenshot
  await shot("explain");

  // The module graph panel: both modules hot, server.js a boundary.
  await runCommand(page, "Hotswap: Show module graph");
  // The page lives in the webview's active frame; a pending frame appears while it redraws.
  const graph = page.frameLocator("iframe.webview").frameLocator("iframe#active-frame").locator("body");
  await graph.locator("[data-testid=summary]").waitFor({ timeout: 20_000 });
  assert.match(await graph.locator("[data-testid=summary]").innerText(), /2 modules: 2 hot, 0 restart/);
  assert.match(await graph.locator("[data-testid=chain]").innerText(), /greeting\.js is hot: greeting\.js → server\.js/);
  // Opening another file selects it in the graph.
  await page.locator(".tabs-container .tab", { hasText: "greeting.js" }).first().click();
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "server.js" }).click();
  await graph.locator("[data-testid=chain]", { hasText: "server.js is hot: server.js (boundary)" }).waitFor({ timeout: 10_000 });
  await shot("module-graph");
  // The language status shows only beside a JavaScript editor, so focus greeting.js again.
  await page.locator(".tabs-container .tab", { hasText: "greeting.js" }).first().click();

  // Restart: a new process (the visit count starts again) and a restart entry in the log.
  await runCommand(page, "Hotswap: Restart app");
  await waitForStatus(page, /Hotswap: restarted (<1|\d+) ms/, 60_000);
  await page.locator(".part.panel .monaco-list-row", { hasText: "restart (requested)" }).first().waitFor({ timeout: 10_000 });
  assert.match(await get(`http://127.0.0.1:${port}/`), /\[pushed\]\nvisits: 1 /);

  await runCommand(page, "Hotswap: Stop app");
  await waitForStatus(page, /Hotswap: idle/, 30_000);
  await assert.rejects(get(`http://127.0.0.1:${port}/`), "the app stopped listening");
  await shot("stopped");

  // The code lens switch reaches the server: the lens goes away.
  await applySettings({ "hotswap.codeLens.enabled": false });
  await page.locator(".codelens-decoration", { hasText: "hot:" }).first().waitFor({ state: "detached", timeout: 20_000 });

  // A wrong hotswap.server.path is said in a message that names the setting and the fix.
  await applySettings({ "hotswap.server.path": path.join(work, "no-such", "hotswap") }, false);
  const missing = page.locator(".notification-toast", { hasText: "language server was not found" }).first();
  await missing.waitFor({ timeout: 30_000 }).catch(async (error) => {
    await shot("server-missing-failed");
    throw new Error(`${error.message}\nlogs:\n${readLogs(dirs).slice(-3000)}`);
  });
  assert.match(await missing.innerText(), /Tried: setting hotswap\.server\.path = .*no-such\/hotswap: .*ENOENT.*Fix: point "hotswap\.server\.path" at a hotswap binary/s);
  assert.match(await waitForStatus(page, /Hotswap: server missing/, 10_000), /no-such\/hotswap/);
  await page.waitForTimeout(500);
  await shot("server-missing");
}

// Debugging a hot app in a real VS Code (code-server, Chromium): F5 with the `hotswap` launch
// configuration starts the app with the inspector and attaches VS Code's JavaScript debugger; a
// breakpoint set before start in a TypeScript route handler pauses a request on that line; after
// an edit saved in the editor moves the line down (a hot update, no restart), the next request
// pauses on the line's new position in the same debug session.
// Screenshots go to test-results/vscode-extension-debug/ at the repository root.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
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
  repoRoot,
  startCodeServer,
  vsix,
  withHotswapLog,
  type CodeServer,
  type CodeServerDirs,
} from "./codeServer.ts";
import { freePort, launchBrowser, runCommand, waitForStatus } from "./workbench.ts";

const artifacts = path.join(repoRoot, "test-results", "vscode-extension-debug");
const appNode = pinnedNode("lts");

let work: string;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;
let page: Page;
let logDirs: CodeServerDirs | undefined;
let step = 0;
let failed = false;

const entry = `import { createServer } from "node:http";
import { route } from "./routes.ts";

const previous = import.meta.hot?.data ?? {};
const server = previous.server ?? createServer();
const onRequest = (request: any, response: any) => response.end(route(request.url ?? "/"));
server.on("request", onRequest);
if (!previous.server) {
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("debug-e2e: listening"));
}
import.meta.hot?.accept();
import.meta.hot?.dispose((data: any) => {
  server.off("request", onRequest);
  data.server = server;
});
`;

// The breakpoint goes on the `const reply` line (line 6).
const routes = `// Routes of the debug end-to-end test.
interface Visit { path: string; count: number }
let count = 0;
export function route(path: string): string {
  const visit: Visit = { path, count: ++count };
  const reply: string = "visit " + visit.count + " of " + visit.path;
  return reply + "\\n";
}
`;
const BREAKPOINT_LINE = 6;

async function shot(name: string): Promise<string> {
  step++;
  const file = path.join(artifacts, `${String(step).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function goToLine(line: number): Promise<void> {
  await page.keyboard.press("Control+G");
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
}

/**
 * Sends a request once the app listens; `reply` resolves after the debugger continues (wrapped,
 * so that awaiting this function does not wait for it).
 */
async function requestWhenListening(port: number): Promise<{ reply: Promise<string> }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const reachable = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(true));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
    });
    if (reachable) break;
    if (Date.now() > deadline) assert.fail(`the app never listened on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const reply = fetch(`http://127.0.0.1:${port}/orders`, { signal: AbortSignal.timeout(60_000) }).then((response) => response.text());
  reply.catch(() => undefined);
  return { reply };
}

/** Continues (F5) and waits until the call stack no longer shows the paused frame. */
async function continueRunning(): Promise<void> {
  await page.keyboard.press("F5");
  await page.locator(".debug-call-stack .monaco-list-row .stack-frame", { hasText: "routes.ts" }).first().waitFor({ state: "detached", timeout: 10_000 });
}

/** Waits until the debugger is paused in routes.ts and returns the top frame's line. */
async function pausedLine(timeoutMs: number): Promise<number> {
  const frame = page.locator(".debug-call-stack .monaco-list-row .stack-frame", { hasText: "routes.ts" }).first();
  await frame.waitFor({ timeout: timeoutMs });
  const position = await frame.locator(".line-number").innerText();
  return Number(position.split(":")[0]);
}

before(async () => {
  work = beginRun(artifacts, "hotswap-e2e-debug-");
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  // A failed run keeps its folder: code-server's logs (js-debug's included) say what happened.
  if (work && !failed) rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`kept ${work} for its logs`);
});

test("F5 debugs the app: a breakpoint pauses on its line before and after a hot update", { timeout: 300_000 }, async () => {
  try {
    await scenario();
  } catch (error) {
    failed = true;
    if (browser) await shot("failure").catch(() => undefined);
    throw withHotswapLog(error, logDirs);
  }
});

async function scenario(): Promise<void> {
  const project = path.join(work, "project");
  const port = await freePort();
  const envFile = path.join(work, "app.env");
  writeFileSync(envFile, `PORT=${port}\n`);
  mkdirSync(path.join(project, ".vscode"), { recursive: true });
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "debug-e2e", type: "module", main: "server.ts" }));
  writeFileSync(path.join(project, "server.ts"), entry);
  writeFileSync(path.join(project, "routes.ts"), routes);
  // The app's settings are the workspace's (user settings of machine scope were not always
  // seen by the time F5 came).
  writeFileSync(
    path.join(project, ".vscode", "settings.json"),
    JSON.stringify({
      "hotswap.nodePath": appNode,
      "hotswap.nodeArgs": [`--env-file=${envFile}`],
      "hotswap.entry": "server.ts",
      "hotswap.trace.server": "messages",
    }),
  );
  // What "Add Configuration… > Hotswap: debug app" writes, with js-debug's log on for failures.
  writeFileSync(
    path.join(project, ".vscode", "launch.json"),
    JSON.stringify({ version: "0.2.0", configurations: [{ type: "hotswap", request: "launch", name: "Hotswap: debug app", trace: true }] }, null, 2),
  );
  const dirs = prepareDirs(path.join(work, "code-server"), {
    "workbench.startupEditor": "none",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "chat.disableAIFeatures": true,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "debug.toolBarLocation": "docked",
  });
  logDirs = dirs;
  assert.match(await installExtension(codeServerBin, node24, dirs, vsix), /successfully installed/);
  server = await startCodeServer(codeServerBin, node24, dirs, project);
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });

  // Open the route handler and set a breakpoint on its reply line before anything runs.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "routes.ts" }).click({ timeout: 30_000 });
  await page.locator(".codelens-decoration", { hasText: "hot: accepted by server.ts" }).first().waitFor({ timeout: 60_000 });
  await waitForStatus(page, /Hotswap: idle/, 60_000);
  await page.locator(".monaco-editor .view-lines").first().click();
  await goToLine(BREAKPOINT_LINE);
  await page.keyboard.press("F9");
  await page.locator(".monaco-editor .codicon-debug-breakpoint").first().waitFor({ timeout: 10_000 });
  await shot("breakpoint-set-before-start");

  // F5: the app starts with the inspector and the debugger attaches; a request pauses.
  const f5 = performance.now();
  await page.keyboard.press("F5");
  const first = await requestWhenListening(port);
  assert.equal(await pausedLine(90_000), BREAKPOINT_LINE);
  const f5ToPaused = performance.now() - f5;
  await page.locator(".monaco-editor .debug-top-stack-frame-line").first().waitFor({ timeout: 10_000 });
  await shot("paused-on-breakpoint");
  // The locals have the names of the source.
  const variables = page.locator(".debug-variables .monaco-list-row");
  const local = variables.filter({ hasText: "Local: route" }).first();
  await local.waitFor({ timeout: 10_000 });
  if ((await local.getAttribute("aria-expanded")) !== "true") await local.click();
  await variables.filter({ hasText: /^\s*path\s*=\s*'\/orders'\s*$/ }).first().waitFor({ timeout: 10_000 });
  await variables.filter({ hasText: /^\s*visit\s*=\s*\{path: '\/orders', count: 1\}/ }).first().waitFor({ timeout: 10_000 });
  await shot("locals-named-as-in-the-source");

  // Continue: the request is answered.
  await continueRunning();
  assert.equal(await first.reply, "visit 1 of /orders\n");

  // Edit above the breakpoint and save: a hot update; the breakpoint moves down with its line.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  // Two empty lines (typing a comment and Enter would continue the comment).
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+S");
  await waitForStatus(page, /Hotswap: hot update/, 30_000);
  const second = await requestWhenListening(port);
  assert.equal(await pausedLine(30_000), BREAKPOINT_LINE + 2);
  await page.locator(".monaco-editor .debug-top-stack-frame-line").first().waitFor({ timeout: 10_000 });
  await shot("paused-after-hot-update");
  await continueRunning();
  // The update re-evaluated routes.ts (its count starts again) in the same process: the status
  // said hot update, and the debug session never ended.
  assert.equal(await second.reply, "visit 1 of /orders\n");

  // A restart (a new process, the inspector on the same port): the debugger attaches again by
  // itself and the breakpoint stops the new process too.
  await page.locator(".monaco-editor .view-lines").first().click();
  await runCommand(page, "Hotswap: Restart app");
  await waitForStatus(page, /Hotswap: restarted/, 60_000);
  const third = await requestWhenListening(port);
  assert.equal(await pausedLine(60_000), BREAKPOINT_LINE + 2);
  await shot("paused-after-restart");
  await continueRunning();
  assert.equal(await third.reply, "visit 1 of /orders\n");

  writeFileSync(path.join(artifacts, "timing.json"), JSON.stringify({ f5ToPausedMs: Math.round(f5ToPaused) }));
  console.log(`F5 to a paused breakpoint: ${Math.round(f5ToPaused)} ms`);

  // Stopping the debugger stops the app.
  await page.keyboard.press("Shift+F5");
  await waitForStatus(page, /Hotswap: idle/, 30_000);
}

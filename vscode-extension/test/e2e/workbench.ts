// Playwright helpers for VS Code's workbench as code-server serves it in Chromium.
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Launches Debian's Chromium headless with a new empty profile. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), "hotswap-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Runs a command by its palette title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
}

/** Opens the language status hover and returns its text (the Hotswap item is one line of it). */
export async function languageStatusText(page: Page): Promise<string> {
  await page.locator("#status\\.languageStatus").hover();
  const hover = page.locator(".monaco-hover", { hasText: "Hotswap:" }).last();
  await hover.waitFor({ timeout: 10_000 });
  return hover.innerText();
}

/** Polls the language status until it matches, returning its last text. */
export async function waitForStatus(page: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = await languageStatusText(page).catch(() => "");
    if (pattern.test(text)) return text;
    await page.mouse.move(700, 400);
    await page.waitForTimeout(500);
  }
  throw new Error(`language status never matched ${pattern}; last: ${JSON.stringify(text)}`);
}

/**
 * A free port for an app under test, below the kernel's
 * ephemeral range: a port from listen(0) could be handed out again to one of the many
 * connections between Chromium, code-server and the extension host before the app binds it.
 */
export async function freePort(): Promise<number> {
  const range = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  const below = Math.min(range[0] || 32768, 32768);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 10000 + Math.floor(Math.random() * (below - 10000));
    const probe = createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => probe.close(resolve));
      return port;
    }
  }
  throw new Error("no free port below the ephemeral range after 50 tries");
}

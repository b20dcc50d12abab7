// Runs code-server for the end-to-end test: installs a .vsix into a private extensions folder
// and serves one folder on 127.0.0.1 with a port the system picks, without authentication.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import assert from "node:assert/strict";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository's root, above vscode-extension/. */
export const repoRoot = path.join(import.meta.dirname, "..", "..", "..");
/** code-server and the .vsix under test, as `make e2e` passes them. */
export const codeServerBin = process.env.HOTSWAP_CODE_SERVER ?? "";
export const vsix = process.env.HOTSWAP_VSIX ?? "";

/** The path of a pinned Node (scripts/node.sh: "lts", "oldest" or a version), installed if needed. */
export function pinnedNode(version: string): string {
  return execFileSync(path.join(repoRoot, "scripts", "node.sh"), [version], { encoding: "utf8" }).trim();
}

/** The Node that code-server 4 runs on. */
export const node24 = pinnedNode("24.21.0");

/** A running code-server. */
export interface CodeServer {
  url: string;
  /** Everything code-server printed, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Where code-server keeps its state; every folder is private to one test run. */
export interface CodeServerDirs {
  root: string;
  userData: string;
  extensions: string;
  config: string;
}

/** Makes the private folders and writes the user settings. */
export function prepareDirs(root: string, userSettings: object): CodeServerDirs {
  const dirs = {
    root,
    userData: path.join(root, "user-data"),
    extensions: path.join(root, "extensions"),
    config: path.join(root, "config.yaml"),
  };
  mkdirSync(path.join(dirs.userData, "User"), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(path.join(dirs.userData, "User", "settings.json"), JSON.stringify(userSettings, null, 2));
  writeFileSync(dirs.config, "auth: none\ncert: false\n");
  return dirs;
}

function environment(node24: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ""}` };
  // code-server reads PORT for its own address; the app under test gets its port another way.
  delete env.PORT;
  return env;
}

/** Installs a .vsix with code-server's own --install-extension. */
export async function installExtension(codeServer: string, node24: string, dirs: CodeServerDirs, vsix: string): Promise<string> {
  const { stdout, stderr } = await run(
    codeServer,
    ["--config", dirs.config, "--user-data-dir", dirs.userData, "--extensions-dir", dirs.extensions, "--install-extension", vsix],
    { cwd: dirs.root, env: environment(node24), timeout: 120_000 },
  );
  return stdout + stderr;
}

/** Starts code-server on the folder and waits until it says where it listens. */
export async function startCodeServer(codeServer: string, node24: string, dirs: CodeServerDirs, folder: string): Promise<CodeServer> {
  const child: ChildProcess = spawn(
    codeServer,
    [
      "--config", dirs.config,
      "--auth", "none",
      "--bind-addr", "127.0.0.1:0",
      "--user-data-dir", dirs.userData,
      "--extensions-dir", dirs.extensions,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      folder,
    ],
    // Started outside the repository, so nothing can find the checkout's runtime by accident.
    { cwd: dirs.root, env: environment(node24), detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // Its own process group holds the extension host and the language server it started.
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, log: () => output, stop };
}

/** The text of every log file code-server wrote under the user-data folder (output channels included). */
export function readLogs(dirs: CodeServerDirs, nameContains = ""): string {
  const logs = path.join(dirs.userData, "logs");
  if (!existsSync(logs)) return "";
  return readdirSync(logs, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".log") && path.basename(name).includes(nameContains))
    .map((name) => readFileSync(path.join(logs, name), "utf8"))
    .join("\n");
}

/**
 * Starts one e2e test file's run: checks that `make e2e` passed code-server and the .vsix, empties
 * its screenshot folder `artifacts`, and returns a new work folder named after `prefix`.
 */
export function beginRun(artifacts: string, prefix: string): string {
  assert.ok(codeServerBin && vsix, "run through `make e2e`: HOTSWAP_CODE_SERVER and HOTSWAP_VSIX must be set");
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** `error` with the tail of the Hotswap output channel, which says what the server and the app did. */
export function withHotswapLog(error: unknown, dirs: CodeServerDirs | undefined): Error {
  const hotswapLog = dirs ? readLogs(dirs, "Hotswap").slice(-4000) : "";
  return new Error(`${error instanceof Error ? error.stack : error}\n--- Hotswap output:\n${hotswapLog}`);
}

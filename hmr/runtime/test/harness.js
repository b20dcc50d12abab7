// A small harness for runtime tests: copies an app into a temporary directory, starts it under
// `--import hotswap/register` with the Node running the tests, collects its output line by line,
// and lets a test edit files and wait for the lines that follow.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the `hotswap` package). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** The runtime's register module, for `--import` in tests that spawn node themselves. */
export const REGISTER = join(REPO_ROOT, "hmr/runtime/register.js");

const DEFAULT_TIMEOUT_MS = 8000;

/** Writes `files` ({ relativePath: content }) into a new temporary app directory. */
export function createAppDirectory(files) {
  const dir = mkdtempSync(join(tmpdir(), "hotswap-test-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "hotswap"), "dir");
  const all = { "package.json": JSON.stringify({ type: "module" }), ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/**
 * Writes `files` into a new app directory, runs `node <args>` there once for each argument list
 * (to its end, one after the other), removes the directory and returns what each run gave.
 * @returns {{ status: number | null, stdout: string, stderr: string }[]}
 */
export function runInApp(files, ...argLists) {
  const dir = createAppDirectory(files);
  try {
    return argLists.map((args) => {
      const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: 20_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A running app: its output as lines, and helpers to edit its files and wait for output. */
export class App {
  constructor(dir, child) {
    this.dir = dir;
    this.child = child;
    this.lines = [];
    this.cursor = 0;
    this.waiters = new Set();
    this.exit = new Promise((resolveExit) => {
      child.on("exit", (code, signal) => {
        this.exited = { code, signal };
        resolveExit(this.exited);
        this.notify();
      });
    });
    for (const stream of ["stdout", "stderr"]) {
      let buffer = "";
      child[stream].setEncoding("utf8");
      child[stream].on("data", (chunk) => {
        buffer += chunk;
        let newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          this.lines.push({ stream, text: buffer.slice(0, newline) });
          buffer = buffer.slice(newline + 1);
        }
        this.notify();
      });
    }
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  /** All output so far, for failure messages. */
  output() {
    return this.lines.map((line) => `${line.stream}: ${line.text}`).join("\n");
  }

  /**
   * Waits for the next line (after the last one waited for) matching `pattern`, and returns its
   * text. Throws with the whole output when it does not come within the timeout.
   */
  async next(pattern, { timeoutMs = DEFAULT_TIMEOUT_MS, stream } = {}) {
    const matches = (line) =>
      (!stream || line.stream === stream) &&
      (typeof pattern === "string" ? line.text.includes(pattern) : pattern.test(line.text));
    return new Promise((resolveLine, reject) => {
      const check = () => {
        for (let index = this.cursor; index < this.lines.length; index += 1) {
          if (matches(this.lines[index])) {
            this.cursor = index + 1;
            done();
            resolveLine(this.lines[index].text);
            return;
          }
        }
        if (this.exited) {
          done();
          reject(new Error(`app exited (${JSON.stringify(this.exited)}) before ${pattern}\n${this.output()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}\n${this.output()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Lines seen since the last `next`, without waiting. */
  pendingLines() {
    return this.lines.slice(this.cursor).map((line) => line.text);
  }

  /** Path of a file of the app. */
  path(relativePath) {
    return join(this.dir, relativePath);
  }

  /** Replaces a file's content. */
  write(relativePath, content) {
    const path = this.path(relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }

  /** Changes only a file's modification time, like `touch`. */
  touch(relativePath) {
    const now = new Date();
    utimesSync(this.path(relativePath), now, new Date(now.getTime() + Math.random() * 1000));
  }

  /** Stops the app and removes its directory. */
  async stop() {
    if (!this.exited) {
      this.child.kill("SIGKILL");
      await this.exit;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts `entry` of a new app made of `files`. `query` is appended to `hotswap/register`,
 * `nodeArgs` go before `--import`, `preloads` are more `--import`s after it, `env` is added to
 * the environment, `cwd` (default: the app's directory) is where the app starts.
 */
export function startApp(files, { entry = "main.js", query = "", nodeArgs = [], preloads = [], env = {}, dir, cwd } = {}) {
  const appDir = dir ?? createAppDirectory(files);
  const child = spawn(
    process.execPath,
    // From another directory `hotswap/register` would not resolve; the file URL always does.
    [...nodeArgs, "--import", cwd ? `${pathToFileURL(REGISTER).href}${query}` : `hotswap/register${query}`, ...preloads.flatMap((p) => ["--import", p]), entry],
    { cwd: cwd ?? appDir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new App(appDir, child);
}

/** Runs `body(app)` with a started app and always stops it. */
export async function withApp(files, options, body) {
  const app = startApp(files, options);
  try {
    await body(app);
  } finally {
    await app.stop();
  }
}

/** Waits for the app's `> listening <port>` line and returns the port. */
export async function listeningPort(app) {
  return Number((await app.next(/^> listening/)).split(" ")[2]);
}

/** GETs `path` from the app's HTTP server on 127.0.0.1:`port`; resolves with the body. */
export function httpGet(port, path = "/") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.setTimeout(2000, () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end();
  });
}

// CommonJS benchmark (issue 13): a CommonJS HTTP server whose entry accepts its dependency
// (`module.hot.accept("./dep.cjs", ...)`), under hotswap, under hot-module-replacement 3.0.4
// (webpack-style module.hot for Node, from npm) and under nodemon (which restarts). Measures
// start-up to the first answer and edit-to-effect (edit -> the next HTTP request answers with
// the new value), 30 edits 150 ms apart. The peers are installed into bench/.cache/peers-cjs.
// Run: PATH="$(dirname "$(scripts/node.sh lts)"):$PATH" node bench/runtime/commonjs.js
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PEERS = join(REPO, "bench/.cache/peers-cjs");
const EDITS = Number(process.env.EDITS ?? 30);
const SETTLE_MS = 150;
const TIMEOUT_MS = 10000;

function installPeers() {
  if (!existsSync(join(PEERS, "node_modules/hot-module-replacement")) || !existsSync(join(PEERS, "node_modules/nodemon"))) {
    mkdirSync(PEERS, { recursive: true });
    writeFileSync(join(PEERS, "package.json"), JSON.stringify({ private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "hot-module-replacement@3.0.4", "nodemon@3"], { cwd: PEERS, stdio: ["ignore", "ignore", "inherit"], timeout: 180000 });
  }
  return join(PEERS, "node_modules");
}

const dep = (n) => `exports.count = ${n};\n`;

function app(peers, preload) {
  const dir = mkdtempSync(join(tmpdir(), "hotswap-bench-cjs-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO, join(dir, "node_modules/hotswap"), "dir");
  symlinkSync(join(peers, "hot-module-replacement"), join(dir, "node_modules/hot-module-replacement"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "bench-cjs", private: true }));
  writeFileSync(join(dir, "dep.cjs"), dep(0));
  writeFileSync(
    join(dir, "main.cjs"),
    `${preload}const { createServer } = require("http"); // hot-module-replacement 3.0.4 does not know node: specifiers
let dep = require("./dep.cjs");
if (module.hot) module.hot.accept("./dep.cjs", () => { dep = require("./dep.cjs"); });
createServer((request, response) => response.end(String(dep.count))).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
`,
  );
  return dir;
}

function get(port) {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
    });
    req.on("error", () => resolve(null));
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function measure(name, command, preload, peers, port) {
  const dir = app(peers, preload);
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    while ((await get(port)) !== "0") {
      if (performance.now() - started > TIMEOUT_MS * 3) throw new Error(`${name}: did not start`);
      await sleep(2);
    }
    const startup = performance.now() - started;
    const latencies = [];
    for (let edit = 1; edit <= EDITS; edit += 1) {
      await sleep(SETTLE_MS);
      const t0 = performance.now();
      writeFileSync(join(dir, "dep.cjs"), dep(edit));
      while ((await get(port)) !== String(edit)) {
        if (performance.now() - t0 > TIMEOUT_MS) throw new Error(`${name}: edit ${edit} never took effect`);
        await sleep(1);
      }
      latencies.push(performance.now() - t0);
    }
    return { name, startup: `${startup.toFixed(0)} ms`, effect: `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p90 ${percentile(latencies, 0.9).toFixed(1)} ms` };
  } catch (error) {
    const why = stderr.split("\n").find((line) => /Error/.test(line)) ?? stderr.split("\n").find(Boolean) ?? "";
    return { name, startup: "failed", effect: `${error.message}${why ? ` (${why.trim()})` : ""}` };
  } finally {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const peers = installPeers();
const node = process.execPath;
const rows = [
  await measure("hotswap", [node, "--import", "hotswap/register?silent", "main.cjs"], "", peers, 39411),
  await measure("hot-module-replacement 3.0.4", [node, "main.cjs"], 'require("hot-module-replacement")({ ignore: /node_modules/ });\n', peers, 39412),
  await measure("nodemon 3 (restarts)", [node, join(peers, "nodemon/bin/nodemon.js"), "--quiet", "--delay", "0", "main.cjs"], "", peers, 39413),
];
console.log(`| system | start-up to first answer | edit-to-effect, ${EDITS} edits |`);
console.log("|---|---|---|");
for (const row of rows) console.log(`| ${row.name} | ${row.startup} | ${row.effect} |`);

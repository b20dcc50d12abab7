// Runtime benchmark: hotswap beside plain node, dynohot and hot-hook (installed at benchmark time
// into bench/.cache/peers). Start-up to ready (1,000 and 5,000 modules), edit-to-effect latency
// of a leaf edit (edit -> the next HTTP request answers with the new value), and heap kept per
// update of a 20 KB module. Prints one table; `make bench` runs it with the pinned Node.
// Goals (issue 3): start-up <= 1.5x plain node, edit-to-effect p50 <= 10 ms, < 1 KB per update.
import { spawn, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { dependencySource, memoryApp, serverApp, treeApp } from "./apps.js";
import { median, timeRun } from "./measure.js";
import { CONTENDERS, installPeers, peerVersion } from "./peers.js";

const STARTUP_RUNS = Number(process.env.STARTUP_RUNS ?? 5);
const EDITS = 50;
const MEMORY_WARM_UP = 200;
const MEMORY_UPDATES = 1000;
// dynohot and hot-hook take 100 ms or more per change; 1,200 of them would take minutes.
const SLOW_MEMORY_WARM_UP = 50;
const SLOW_MEMORY_UPDATES = 200;
// Between edits, so that every watcher sees each edit as its own change (hot-hook's drops a
// change that follows the previous one within about 100 ms).
const SETTLE_MS = 150;
const EFFECT_TIMEOUT_MS = 5000;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median start-up of each contender; runs alternate so that machine noise hits all alike. */
function startup(count, peerModules) {
  const dir = treeApp(count, peerModules);
  try {
    const times = CONTENDERS.map(() => []);
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      CONTENDERS.forEach((contender, index) => times[index].push(timeRun([...contender.args, "main.js"], dir)));
    }
    return times.map(median);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(port) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", agent }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Edit dep.js, then ask the server back to back until it answers with the new count. */
async function editToEffect(contender, peerModules) {
  const dir = serverApp(peerModules, { hotHook: contender.hotHook });
  const child = spawn(process.execPath, [...contender.args, "main.js"], { cwd: dir, stdio: ["ignore", "pipe", "ignore"] });
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${contender.name}: the server did not start`)), 30000);
      createInterface({ input: child.stdout }).once("line", (line) => {
        clearTimeout(timer);
        resolve(Number(line.replace("port ", "")));
      });
    });
    await get(port);
    const latencies = [];
    for (let edit = 1; edit <= EDITS; edit += 1) {
      const started = performance.now();
      writeFileSync(join(dir, "dep.js"), dependencySource(edit));
      while ((await get(port)) !== String(edit)) {
        if (performance.now() - started > EFFECT_TIMEOUT_MS) throw new Error(`${contender.name}: edit ${edit} never took effect`);
      }
      latencies.push(performance.now() - started);
      await sleep(SETTLE_MS);
    }
    return `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p90 ${percentile(latencies, 0.9).toFixed(1)} ms`;
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function heapPerUpdate(contender, peerModules) {
  const warmUp = contender.slowUpdates ? SLOW_MEMORY_WARM_UP : MEMORY_WARM_UP;
  const updates = contender.slowUpdates ? SLOW_MEMORY_UPDATES : MEMORY_UPDATES;
  const dir = memoryApp(peerModules, warmUp, updates, { hotHook: contender.hotHook });
  try {
    const result = spawnSync(process.execPath, ["--expose-gc", ...contender.args, "main.js"], { cwd: dir, encoding: "utf8", timeout: 300000 });
    const match = /kept (-?[\d.]+)/.exec(result.stdout);
    if (!match) return `failed: ${(result.stderr || result.error?.message || "").split("\n").find(Boolean) ?? "no output"}`;
    const kept = `${(Number(match[1]) / 1024).toFixed(2)} KB`;
    return updates === MEMORY_UPDATES ? kept : `${kept} (${updates} edits)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const peerModules = installPeers();
const only = process.env.BENCH_ONLY?.split(",");
const contenders = CONTENDERS.filter((c) => !only || c.name === "plain node" || only.includes(c.name));
const rows = [];
for (const count of [1000, 5000]) {
  const times = startup(count, peerModules);
  const plain = times[0];
  rows.push([
    `start-up to ready, ${count} modules`,
    ...CONTENDERS.map((c, index) => (index === 0 ? `${plain.toFixed(0)} ms` : `${times[index].toFixed(0)} ms (${(times[index] / plain).toFixed(2)}x)`)),
    "<= 1.5x plain",
  ]);
}
const notApplicable = "n/a (no updates)";
const latency = [notApplicable];
const memory = [notApplicable];
for (const contender of CONTENDERS.slice(1)) {
  const run = contenders.includes(contender);
  latency.push(run ? await editToEffect(contender, peerModules).catch((error) => `failed: ${error.message}`) : "skipped");
  memory.push(run ? heapPerUpdate(contender, peerModules) : "skipped");
}
rows.push([`edit-to-effect of a leaf, ${EDITS} edits`, ...latency, "p50 <= 10 ms"]);
rows.push([`heap kept per update, ${MEMORY_UPDATES} edits of 20 KB`, ...memory, "< 1 KB"]);
agent.destroy();

const header = ["measure", ...CONTENDERS.map((c) => c.name), "goal"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
const format = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
console.log(`Node ${process.version}, dynohot ${peerVersion(peerModules, "dynohot")}, hot-hook ${peerVersion(peerModules, "hot-hook")}, ${STARTUP_RUNS} start-up runs (median)`);
console.log(format(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(format(row));

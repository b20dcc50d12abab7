// Runtime benchmark: start-up against plain node (1,000 and 5,000 modules), edit-to-effect
// latency, and heap kept per update. Prints a table; `make bench` runs it with the pinned Node.
// Goals (issue 3): start-up <= 1.5x plain node, edit-to-effect p50 <= 10 ms, < 1 KB per update.
import { spawn, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { dependencySource, editApp, memoryApp, treeApp } from "./apps.js";

const STARTUP_RUNS = 5;
const EDITS = 50;
const MEMORY_WARM_UP = 200;
const MEMORY_UPDATES = 1000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

function timeRun(args, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: 60000 });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return performance.now() - started;
}

function startup(count) {
  const dir = treeApp(count);
  try {
    const plain = [];
    const hot = [];
    // Alternate so that machine noise hits both alike.
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      plain.push(timeRun(["main.js"], dir));
      hot.push(timeRun(["--import", "hotswap/register", "main.js"], dir));
    }
    return { plain: median(plain), hot: median(hot) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function editToEffect() {
  const dir = editApp();
  const child = spawn(process.execPath, ["--import", "hotswap/register?silent", "main.js"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const waiters = [];
  lines.on("line", (line) => waiters.shift()?.(line));
  const nextLine = () => new Promise((resolve) => waiters.push(resolve));
  try {
    await nextLine();
    const latencies = [];
    for (let edit = 1; edit <= EDITS; edit += 1) {
      const seen = nextLine();
      const started = performance.now();
      writeFileSync(join(dir, "dep.js"), dependencySource(edit));
      const line = await seen;
      if (line !== `updated ${edit}`) throw new Error(`expected update ${edit}, got ${line}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { p50: percentile(latencies, 0.5), p90: percentile(latencies, 0.9) };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function heapPerUpdate() {
  const dir = memoryApp(MEMORY_WARM_UP, MEMORY_UPDATES);
  try {
    const result = spawnSync(process.execPath, ["--expose-gc", "--import", "hotswap/register?silent", "main.js"], { cwd: dir, encoding: "utf8", timeout: 120000 });
    const match = /kept (-?[\d.]+)/.exec(result.stdout);
    if (!match) throw new Error(`memory app failed: ${result.stderr}`);
    return Number(match[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const count of [1000, 5000]) {
  const { plain, hot } = startup(count);
  rows.push([`start-up, ${count} modules`, `${hot.toFixed(0)} ms`, `plain node ${plain.toFixed(0)} ms, ${(hot / plain).toFixed(2)}x`, "<= 1.5x"]);
}
const latency = await editToEffect();
rows.push([`edit-to-effect, ${EDITS} edits`, `p50 ${latency.p50.toFixed(1)} ms`, `p90 ${latency.p90.toFixed(1)} ms`, "p50 <= 10 ms"]);
const kept = heapPerUpdate();
rows.push([`heap kept per update, ${MEMORY_UPDATES} edits`, `${kept.toFixed(0)} bytes`, `after ${MEMORY_WARM_UP} warm-up edits`, "< 1 KB"]);

const header = ["measure", "hotswap", "detail", "goal"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
const format = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
console.log(`Node ${process.version}`);
console.log(format(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const row of rows) console.log(format(row));

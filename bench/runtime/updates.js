// Update benchmark (issue 16): shallow and deep edits of generated layered apps (layered.js) at
// 1,000 and 5,000 modules, timed inside the app from the write to the entry's accept callback
// (wall and CPU time, medians), and the heap kept per deep update after forced GCs.
//   PATH="$(dirname "$(scripts/node.sh lts)"):$PATH" node bench/runtime/updates.js
// UPDATE_EDITS, DEEP_EDITS, MEMORY_UPDATES and SIZES (e.g. "1000") shorten a run;
// BENCH_ONLY=hotswap picks contenders; UPDATE_PROFILE=<dir> writes --cpu-prof profiles there.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEEP, SHALLOW, dependents, layeredApp } from "./layered.js";
import { median, timeRun } from "./measure.js";

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/**
 * Runs one layered app under `contender` and returns its JSON line, or { error }.
 * `options` go to layeredApp.
 */
export function runUpdates(contender, count, peerModules, options) {
  const dir = layeredApp(count, peerModules, { style: "accept", ...options });
  try {
    const profile = process.env.UPDATE_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.UPDATE_PROFILE] : [];
    const result = spawnSync(process.execPath, ["--expose-gc", ...profile, ...contender.args, "main.js"], {
      cwd: dir,
      encoding: "utf8",
      timeout: Number(process.env.UPDATE_TIMEOUT_MS ?? 900000),
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = result.stdout.split("\n").find((text) => text.startsWith("{"));
    if (!line) return { error: (result.stderr || result.error?.message || "no output").split("\n").find(Boolean) };
    return JSON.parse(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "p50 3.1 ms (cpu 2.9 ms), p90 ..." of a run. */
export function describeTimes(result) {
  if (result.error) return `failed: ${result.error}`;
  return `p50 ${median(result.wall).toFixed(1)} ms, p90 ${percentile(result.wall, 0.9).toFixed(1)} ms (cpu p50 ${median(result.cpu).toFixed(1)} ms)`;
}

export const describeDependents = (count) => ({ shallow: dependents(count, SHALLOW), deep: dependents(count, DEEP) });
export { DEEP, SHALLOW };

// The contenders of this benchmark: how each starts the layered app and learns of an update.
// settleMs spaces the edits for the peers whose watchers drop or delay close changes.
function contenders(peerModules) {
  const viteNode = join(peerModules, "vite-node", "dist", "cli.mjs");
  return [
    { name: "plain node", startup: [] },
    { name: "hotswap", startup: ["--import", "hotswap/register?silent"], style: "accept", settleMs: 5 },
    { name: "dynohot", startup: ["--no-warnings", "--import", "dynohot"], style: "accept", settleMs: 50, slow: true },
    { name: "hot-hook", startup: ["--no-warnings", "--import", "hot-hook/register"], style: "hot-hook", settleMs: 150, slow: true },
    { name: "vite-node", startup: [viteNode], watch: [viteNode, "--watch"], style: "accept", settleMs: 50, slow: true },
  ];
}

function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const format = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
  return [format(header), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(format)].join("\n");
}

async function main() {
  const { installPeers, peerVersion } = await import("./peers.js");
  const peerModules = installPeers();
  const env = (name, fallback) => Number(process.env[name] ?? fallback);
  const sizes = (process.env.SIZES ?? "1000,5000").split(",").map(Number);
  const only = process.env.BENCH_ONLY?.split(",");
  const all = contenders(peerModules);
  const runs = (c) => c.name === "plain node" || !only || only.includes(c.name);
  const rows = [];
  for (const count of sizes) {
    const dir = layeredApp(count, peerModules);
    const times = all.map(() => []);
    try {
      for (let run = 0; run < env("STARTUP_RUNS", 5); run += 1) {
        all.forEach((c, index) => runs(c) && times[index].push(timeRun([...c.startup, "main.js"], dir)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const plain = median(times[0]);
    rows.push([`start-up, ${count} modules`, ...all.map((c, index) =>
      index === 0 ? `${plain.toFixed(0)} ms` : runs(c) ? `${median(times[index]).toFixed(0)} ms (${(median(times[index]) / plain).toFixed(2)}x)` : "skipped"), "<= 1.25x plain"]);
  }
  const shallow = sizes.map((count) => dependents(count, SHALLOW));
  const deep = sizes.map((count) => dependents(count, DEEP));
  for (const [kind, target, goals] of [["shallow", SHALLOW, ["p50 <= 5 ms", "p50 <= 5 ms"]], ["deep", DEEP, ["p50 <= 25 ms", "p50 <= 100 ms"]]]) {
    sizes.forEach((count, sizeIndex) => {
      const row = [`${kind} edit, ${count} modules (${(kind === "shallow" ? shallow : deep)[sizeIndex]} evaluated)`, "n/a (no updates)"];
      for (const c of all.slice(1)) {
        if (!runs(c)) {
          row.push("skipped");
          continue;
        }
        const edits = c.slow ? env("PEER_EDITS", kind === "shallow" ? 10 : 5) : env(kind === "shallow" ? "UPDATE_EDITS" : "DEEP_EDITS", kind === "shallow" ? 50 : 30);
        const result = runUpdates({ args: c.watch ?? c.startup }, count, peerModules, { style: c.style, settleMs: c.settleMs, target, warmUp: 3, edits });
        row.push(`${describeTimes(result)}${c.slow ? ` (${edits} edits)` : ""}`);
      }
      row.push(goals[sizeIndex] ?? goals[1]);
      rows.push(row);
    });
  }
  const memoryRow = ["heap kept per deep update, 1000 modules: all / second half / all without V8's code and bytecode", "n/a (no updates)"];
  const rssRow = ["RSS before -> halfway -> after those updates", "n/a (no updates)"];
  for (const c of all.slice(1)) {
    if (!runs(c)) {
      memoryRow.push("skipped");
      rssRow.push("skipped");
      continue;
    }
    const updates = c.slow ? env("PEER_MEMORY_UPDATES", 100) : env("MEMORY_UPDATES", 2000);
    const result = runUpdates({ args: c.watch ?? c.startup }, 1000, peerModules, { style: c.style, settleMs: c.settleMs, target: DEEP, warmUp: c.slow ? 20 : 200, edits: updates, gcEvery: true });
    const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
    const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
    memoryRow.push(result.error ? `failed: ${result.error}` : `${kb(result.heapPerUpdate)} / ${kb(result.heapPerUpdateLater)} / ${kb(result.objectsPerUpdate)} (${updates} updates)`);
    rssRow.push(result.error ? "failed" : `${mb(result.rssBefore)} -> ${mb(result.rssMid)} -> ${mb(result.rssAfter)} MB`);
  }
  rows.push([...memoryRow, "< 1 KB"], [...rssRow, "levels off"]);
  console.log(`Node ${process.version}, ${["dynohot", "hot-hook", "vite-node"].map((name) => `${name} ${peerVersion(peerModules, name)}`).join(", ")}; wall time p50/p90 from the write to the entry's accept callback (hot-hook: to the next import that returns the new version), the app's CPU time in brackets; start-up: median of ${env("STARTUP_RUNS", 5)} runs`);
  console.log(formatTable(["measure", ...all.map((c) => c.name), "goal"], rows));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

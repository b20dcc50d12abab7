// Update benchmark (issue 16): shallow and deep edits of generated layered apps (layered.js) at
// 1,000 and 5,000 modules, timed inside the app from the write to the entry's accept callback
// (wall and CPU time, medians), and the heap kept per deep update after forced GCs.
//   PATH="$(dirname "$(scripts/node.sh lts)"):$PATH" node bench/runtime/updates.js
// UPDATE_EDITS, DEEP_EDITS, MEMORY_UPDATES and SIZES (e.g. "1000") shorten a run;
// BENCH_ONLY=hotswap picks contenders; UPDATE_PROFILE=<dir> writes --cpu-prof profiles there.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { DEEP, SHALLOW, dependents, layeredApp } from "./layered.js";
import { median } from "./measure.js";

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

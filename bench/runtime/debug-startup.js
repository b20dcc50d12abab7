// What the inspector's source maps cost at start-up: the same 1,000-module tree app under
// hotswap without and with --inspect (every module then gets a composed inline map), beside
// plain node with --inspect. `$(scripts/node.sh lts) bench/runtime/debug-startup.js`;
// STARTUP_RUNS sets the runs per contender (median shown).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { treeApp } from "./apps.js";
import { median, timeRun } from "./measure.js";

const RUNS = Number(process.env.STARTUP_RUNS ?? 9);
const INSPECT = "--inspect=127.0.0.1:0";

// The tree needs no peers; their links may dangle.
const noPeers = mkdtempSync(join(tmpdir(), "hotswap-bench-nopeers-"));
console.log(`Node ${process.version}, median of ${RUNS} runs`);
console.log("| modules | node --inspect | hotswap | hotswap --inspect | inspector's extra |");
console.log("|---------|----------------|---------|-------------------|-------------------|");
for (const count of [1000]) {
  const dir = treeApp(count, noPeers);
  try {
    const times = { plain: [], hot: [], debug: [] };
    for (let run = 0; run < RUNS; run += 1) {
      times.plain.push(timeRun([INSPECT, "main.js"], dir));
      times.hot.push(timeRun(["--import", "hotswap/register", "main.js"], dir));
      times.debug.push(timeRun([INSPECT, "--import", "hotswap/register", "main.js"], dir));
    }
    const [plain, hot, debug] = [times.plain, times.hot, times.debug].map(median);
    console.log(`| ${count} | ${plain.toFixed(0)} ms | ${hot.toFixed(0)} ms | ${debug.toFixed(0)} ms | ${(debug - hot).toFixed(0)} ms |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
rmSync(noPeers, { recursive: true, force: true });

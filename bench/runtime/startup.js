// Start-up only, hotswap against plain node, on the Node that runs this script: the quick check
// while working on start-up (`$(scripts/node.sh oldest) bench/runtime/startup.js`). Prints a
// table; STARTUP_RUNS sets the runs per contender (median shown).
import { rmSync } from "node:fs";
import { treeApp } from "./apps.js";
import { median, timeRun } from "./measure.js";
import { installPeers } from "./peers.js";

const RUNS = Number(process.env.STARTUP_RUNS ?? 9);

console.log(`Node ${process.version}, median of ${RUNS} runs`);
console.log("| modules | plain node | hotswap | ratio |");
console.log("|---------|------------|---------|-------|");
const peerModules = installPeers();
for (const count of [1000, 5000]) {
  const dir = treeApp(count, peerModules);
  try {
    const plain = [];
    const hot = [];
    for (let run = 0; run < RUNS; run += 1) {
      plain.push(timeRun(["main.js"], dir));
      hot.push(timeRun(["--import", "hotswap/register", "main.js"], dir));
    }
    const ratio = median(hot) / median(plain);
    console.log(`| ${count} | ${median(plain).toFixed(0)} ms | ${median(hot).toFixed(0)} ms | ${ratio.toFixed(2)}x |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Start-up of two versions of the runtime against plain node, interleaved run by run, on the Node
// running this script. Measures, inside each process, the time from its start to its exit
// (performance.now() at exit) and its CPU time, so spawning noise stays out.
//   git archive <commit> hmr/runtime package.json | tar -x -C /tmp/before
//   ln -s "$PWD/node_modules" /tmp/before/node_modules
//   $(scripts/node.sh oldest) bench/runtime/compare-startup.js /tmp/before/hmr/runtime/register.js
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { treeApp } from "./apps.js";
import { median } from "./measure.js";
import { installPeers } from "./peers.js";

const beforeRegister = process.argv[2];
if (!beforeRegister) throw new Error("usage: compare-startup.js <path of the other register.js> [runs]");
const RUNS = Number(process.argv[3] ?? 9);
const afterRegister = resolve(dirname(fileURLToPath(import.meta.url)), "../../hmr/runtime/register.js");
const PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("T "+performance.now()+" "+(u.user+u.system)/1000+"\\n")})';

function run(dir, preload) {
  const args = [...(preload ? ["--import", pathToFileURL(preload).href] : []), "--import", PROBE, "main.js"];
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], timeout: 60000 });
  const match = /T ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (!match) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return { wall: Number(match[1]), cpu: Number(match[2]) };
}

const peerModules = installPeers();
console.log(`Node ${process.version}, median of ${RUNS} interleaved runs; time to exit (CPU time)`);
console.log("| modules | plain node | before | after |");
console.log("|---------|------------|--------|-------|");
for (const count of [1000, 5000]) {
  // Each contender starts its own copy of the app: a project keeps one transform cache per
  // runtime, so two runtimes that cache would replace each other's files in one directory.
  const dirs = { plain: treeApp(count, peerModules), before: treeApp(count, peerModules), after: treeApp(count, peerModules) };
  try {
    const runs = { plain: [], before: [], after: [] };
    for (let index = 0; index < RUNS; index += 1) {
      runs.plain.push(run(dirs.plain, null));
      runs.before.push(run(dirs.before, beforeRegister));
      runs.after.push(run(dirs.after, afterRegister));
    }
    const plain = median(runs.plain.map((r) => r.wall));
    const cell = (name) => {
      const wall = median(runs[name].map((r) => r.wall));
      const cpu = median(runs[name].map((r) => r.cpu));
      return name === "plain" ? `${wall.toFixed(0)} ms (${cpu.toFixed(0)} ms)` : `${wall.toFixed(0)} ms, ${(wall / plain).toFixed(2)}x (${cpu.toFixed(0)} ms)`;
    };
    console.log(`| ${count} | ${cell("plain")} | ${cell("before")} | ${cell("after")} |`);
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}

// What import.meta.hot for packages (hmr/runtime/external-hot.js) costs at start-up: the load
// hook looks into every ES module Node loads itself for a mention of import.meta.hot. This runs
// that check over every .js/.mjs file of the hot-hook corpus's node_modules (AdonisJS 7, its dev
// server, hot-hook; `scripts/corpus.sh hot-hook` installs it), as Buffers the way Node's loader
// hands them over, and prints the total and per-file time.
// Run: node bench/hot-hook/external-hot.js   (Node 26 or 22 from scripts/node.sh)
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withExternalHot } from "../../hmr/runtime/external-hot.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = execFileSync(join(repo, "scripts", "corpus.sh"), ["hot-hook"], { encoding: "utf8" }).trim();

function* sourceFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.m?js$/.test(entry.name)) yield path;
  }
}

const sources = [...sourceFiles(join(corpus, "node_modules"))].map((path) => readFileSync(path));
const bytes = sources.reduce((sum, source) => sum + source.byteLength, 0);
let touched = 0;
const rounds = 5;
const times = [];
for (let round = 0; round < rounds; round += 1) {
  touched = 0;
  const start = performance.now();
  for (const source of sources) {
    const result = withExternalHot({ format: "module", source });
    if (result.source !== source) touched += 1;
  }
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(rounds / 2)];
console.log(`Node ${process.version}`);
console.log("| files | MB | given import.meta.hot | median total | per file |");
console.log("|---|---|---|---|---|");
console.log(`| ${sources.length} | ${(bytes / 1e6).toFixed(1)} | ${touched} | ${median.toFixed(1)} ms | ${((median * 1000) / sources.length).toFixed(1)} µs |`);

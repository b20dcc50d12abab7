// Generated apps for the runtime benchmark: a binary tree of modules with a little real code in
// each, and a two-file app whose dependency is edited.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A new temporary directory where `hotswap/register` resolves to this repository. */
export function appDirectory(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `hotswap-bench-${prefix}-`));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "hotswap"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return dir;
}

/** Writes an app of `count` modules (each imports two others) and returns its directory. */
export function treeApp(count) {
  const dir = appDirectory(`tree${count}`);
  for (let i = 0; i < count; i += 1) {
    const deps = [2 * i + 1, 2 * i + 2].filter((j) => j < count);
    const imports = deps.map((j) => `import { value${j} } from "./m${j}.js";\n`).join("");
    const sum = deps.map((j) => `value${j}`).join(" + ") || "0";
    writeFileSync(
      join(dir, `m${i}.js`),
      `${imports}
export function helper${i}(x) {
  const list = [x, x + 1, x + 2].map((y) => y * ${i});
  return list.reduce((a, b) => a + b, 0);
}
export class Thing${i} {
  constructor() { this.id = ${i}; }
  get double() { return this.id * 2; }
}
export const value${i} = 1 + ${sum} - helper${i}(0) + helper${i}(0);
`,
    );
  }
  writeFileSync(join(dir, "main.js"), `import { value0 } from "./m0.js";\nconsole.log(value0);\n`);
  return dir;
}

/** The source of the edited dependency, version `n`. */
export function dependencySource(n) {
  return `import { helper } from "./helper.js";
export const count = ${n};
const big = new Array(1000).fill(${n});
export const use = () => big.length + helper();
`;
}

/** An app whose entry accepts dep.js and prints `updated <count>` after each update. */
export function editApp() {
  const dir = appDirectory("edit");
  writeFileSync(join(dir, "helper.js"), "export const helper = () => 1;\n");
  writeFileSync(join(dir, "dep.js"), dependencySource(0));
  writeFileSync(
    join(dir, "main.js"),
    `import { count } from "./dep.js";
import.meta.hot.accept("./dep.js", () => console.log("updated " + count));
setInterval(() => {}, 1000);
console.log("ready");
`,
  );
  return dir;
}

/** An app that edits its own dependency `updates` times and prints the heap kept per update. */
export function memoryApp(warmUp, updates) {
  const dir = appDirectory("memory");
  writeFileSync(join(dir, "helper.js"), "export const helper = () => 1;\n");
  writeFileSync(join(dir, "dep.js"), dependencySource(0));
  writeFileSync(
    join(dir, "main.js"),
    `import { writeFileSync } from "node:fs";
import { count } from "./dep.js";
const source = ${dependencySource.toString()};
let base = 0;
const write = (n) => writeFileSync(new URL("./dep.js", import.meta.url), source(n));
import.meta.hot.accept("./dep.js", () => {
  if (count === ${warmUp}) { gc(); gc(); base = process.memoryUsage().heapUsed; }
  if (count === ${warmUp + updates}) {
    gc(); gc();
    console.log("kept " + (process.memoryUsage().heapUsed - base) / ${updates});
    process.exit(0);
  }
  write(count + 1);
});
write(1);
setInterval(() => {}, 1000);
`,
  );
  return dir;
}

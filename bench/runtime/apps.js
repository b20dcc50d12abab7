// Generated apps for the runtime benchmark: a binary tree of modules with a little real code in
// each, an HTTP server whose answer comes from an edited dependency, and an app that edits its
// own 20 KB dependency a thousand times. Each app links hotswap and the peers into its
// node_modules, so every contender starts it the same way.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A new temporary app directory where `hotswap` resolves to this repository and the peers to
 * `peerModules`. hot-hook reads `hotHook` from the app's package.json.
 */
export function appDirectory(prefix, peerModules, hotHook = undefined) {
  const dir = mkdtempSync(join(tmpdir(), `hotswap-bench-${prefix}-`));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "hotswap"), "dir");
  for (const name of ["dynohot", "hot-hook", "vite-node"]) {
    symlinkSync(join(peerModules, name), join(dir, "node_modules", name), "dir");
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", ...(hotHook ? { hotHook } : {}) }));
  return dir;
}

/** Writes an app of `count` modules (each imports two others) and returns its directory. */
export function treeApp(count, peerModules) {
  const dir = appDirectory(`tree${count}`, peerModules);
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

/**
 * The source of the edited dependency, version `n`: about 20 KB of real functions. Self-contained,
 * because the memory app embeds it to write its own next version.
 */
export function dependencySource(n) {
  const functions = [];
  for (let i = 0; i < 180; i += 1) {
    functions.push(`export function step${i}(items) {\n  return items.map((item) => ({ ...item, total: item.total * ${i} + ${n} }));\n}\n`);
  }
  return `import { helper } from "./helper.js";
export const count = ${n};
const big = new Array(1000).fill(${n});
export const use = () => big.length + helper();
${functions.join("")}`;
}

/**
 * An HTTP server on 127.0.0.1 (port 0; it prints `port <n>`) whose answer is the `count` of
 * dep.js. With hotswap and dynohot the entry accepts dep.js and reads its live binding; with
 * hot-hook, dep.js is a boundary (package.json) that each request imports again.
 */
export function serverApp(peerModules, { hotHook = false } = {}) {
  const dir = appDirectory("server", peerModules, hotHook ? { boundaries: ["./dep.js"] } : undefined);
  writeFileSync(join(dir, "helper.js"), "export const helper = () => 1;\n");
  writeFileSync(join(dir, "dep.js"), dependencySource(0));
  const answer = hotHook
    ? `async (request, response) => response.end(String((await import("./dep.js")).count))`
    : `(request, response) => response.end(String(count))`;
  writeFileSync(
    join(dir, "main.js"),
    `import { createServer } from "node:http";
${hotHook ? "" : `import { count } from "./dep.js";\nimport.meta.hot.accept("./dep.js");\n`}
const server = createServer(${answer});
server.listen(0, "127.0.0.1", () => console.log("port " + server.address().port));
`,
  );
  return dir;
}

/**
 * An app that writes its own dependency `warmUp + updates` times, each time waiting for the new
 * version, and prints the heap kept per update over the last `updates`.
 */
export function memoryApp(peerModules, warmUp, updates, { hotHook = false } = {}) {
  const dir = appDirectory("memory", peerModules, hotHook ? { boundaries: ["./dep.js"] } : undefined);
  writeFileSync(join(dir, "helper.js"), "export const helper = () => 1;\n");
  writeFileSync(join(dir, "dep.js"), dependencySource(0));
  const measure = `const measure = (n) => {
  if (n === ${warmUp}) { gc(); gc(); base = process.memoryUsage().heapUsed; }
  if (n === ${warmUp + updates}) {
    gc(); gc();
    console.log("kept " + (process.memoryUsage().heapUsed - base) / ${updates});
    process.exit(0);
  }
};`;
  const loop = hotHook
    ? `const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
for (let n = 1; ; n += 1) {
  write(n);
  while ((await import("./dep.js")).count !== n) await sleep(1);
  measure(n);
  // hot-hook's watcher drops a change that follows the previous one too closely.
  await sleep(100);
}`
    : `import.meta.hot.accept("./dep.js", () => {
  measure(count);
  write(count + 1);
});
write(1);
setInterval(() => {}, 1000);`;
  writeFileSync(
    join(dir, "main.js"),
    `import { writeFileSync } from "node:fs";
${hotHook ? "" : `import { count } from "./dep.js";\n`}const source = ${dependencySource.toString()};
let base = 0;
const write = (n) => writeFileSync(new URL("./dep.js", import.meta.url), source(n));
${measure}
${loop}
`,
  );
  return dir;
}

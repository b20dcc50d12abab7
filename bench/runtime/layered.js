// Layered apps for the update benchmark (issue 16): an entry that accepts its routes, routes that
// import services, services that import models, models that import utilities. One utility (u0)
// is imported by two thirds of the models, so most of the app depends on it (the deep edit); a
// service imported by a single route is the shallow edit (the service and its route are
// evaluated again). The app edits its own files and times each update from the write to the
// entry's accept callback, wall and CPU time, then prints one JSON line.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appDirectory } from "./apps.js";

/** The layer sizes of an app of about `count` modules. */
export function layers(count) {
  const routes = Math.max(1, Math.round(count / 10));
  return { routes, services: 3 * routes, models: 5 * routes, utils: Math.max(1, count - 9 * routes - 1) };
}

function body(name, imports, uses, version = 0) {
  return `${imports.map((dep) => `import { ${dep.name} } from "${dep.from}";\n`).join("")}
export const version = ${version};
export function ${name}(x) {
  const list = [x, x + 1, x + 2].map((y) => y * ${name.length});
  return list.reduce((a, b) => a + b, 0)${uses.map((use) => ` + ${use}(x)`).join("")};
}
export class ${name[0].toUpperCase()}${name.slice(1)}Thing {
  constructor() { this.id = ${name}(1); }
  get double() { return this.id * 2; }
}
`;
}

/** The modules of the app: { file, source(version) } in a layer order. */
export function layeredModules(count) {
  const { routes, services, models, utils } = layers(count);
  const modules = [];
  const add = (file, name, deps) => {
    const imports = deps.map((dep) => ({ name: dep.split("/")[1].replace(".js", ""), from: `../${dep}` }));
    const uses = imports.map((dep) => dep.name);
    modules.push({ file, source: (version) => body(name, imports, uses, version) });
  };
  for (let i = 0; i < utils; i += 1) add(`utils/u${i}.js`, `u${i}`, []);
  for (let i = 0; i < models; i += 1) {
    const deps = [`utils/u${(7 * i + 1) % utils}.js`];
    if (i % 3 !== 0 && !deps.includes("utils/u0.js")) deps.push("utils/u0.js");
    add(`models/m${i}.js`, `m${i}`, deps);
  }
  // Service j is imported by route floor(j / 3) only.
  for (let j = 0; j < services; j += 1) add(`services/s${j}.js`, `s${j}`, [`models/m${(2 * j) % models}.js`, `models/m${(2 * j + 1) % models}.js`]);
  for (let i = 0; i < routes; i += 1) add(`routes/r${i}.js`, `r${i}`, [0, 1, 2].map((k) => `services/s${3 * i + k}.js`));
  return modules;
}

/** How many modules depend on `file` (itself included), for the table. */
export function dependents(count, file) {
  const importers = new Map();
  for (const module of layeredModules(count)) {
    for (const match of module.source(0).matchAll(/from "\.\.\/([^"]+)"/g)) {
      if (!importers.has(match[1])) importers.set(match[1], []);
      importers.get(match[1]).push(module.file);
    }
  }
  const seen = new Set([file]);
  const queue = [file];
  while (queue.length > 0) for (const importer of importers.get(queue.pop()) ?? []) if (!seen.has(importer) && seen.add(importer)) queue.push(importer);
  return seen.size + 1; // and the entry, whose accept callback runs
}

export const SHALLOW = "services/s0.js";
export const DEEP = "utils/u0.js";

/**
 * Writes the app. `style` is how its entry learns of an update: "accept" (hotswap, dynohot,
 * vite-node: `import.meta.hot.accept(routes, callback)`), "hot-hook" (the routes are hot-hook
 * boundaries that the entry imports again until the new version ran) or "none" (start-up only:
 * the entry imports every route and exits). With `edits` the entry then edits `target` that
 * many times (after `warmUp` edits), `settleMs` apart, and prints
 * `{ wall: [...], cpu: [...], heapPerUpdate, heapPerUpdateLater, objectsPerUpdate, rssBefore, rssMid, rssAfter }`
 * as one JSON line (heap and RSS also halfway through the measured edits).
 */
export function layeredApp(count, peerModules, { style = "none", target = SHALLOW, warmUp = 0, edits = 0, gcEvery = false, settleMs = 5 } = {}) {
  const hotHook = style === "hot-hook" ? { boundaries: ["./routes/*.js"] } : undefined;
  const dir = appDirectory(`layered${count}`, peerModules, hotHook);
  const modules = layeredModules(count);
  for (const directory of ["utils", "models", "services", "routes"]) mkdirSync(join(dir, directory));
  for (const module of modules) writeFileSync(join(dir, module.file), module.source(0));
  const routes = modules.filter((module) => module.file.startsWith("routes/")).map((module) => `./${module.file}`);
  const edited = modules.find((module) => module.file === target);
  let main;
  if (style === "hot-hook") {
    main = `const routes = ${JSON.stringify(routes)};
const load = () => Promise.all(routes.map((route) => import(route)));
await load();
`;
  } else {
    main = `${routes.map((route, index) => `import { r${index} } from "${route}";\n`).join("")}`;
  }
  if (style !== "none" && edits > 0) {
    const waitForUpdate =
      style === "hot-hook"
        ? `while (globalThis.benchVersion !== n) { await load(); if (globalThis.benchVersion !== n) await new Promise((resolve) => setTimeout(resolve, 1)); }`
        : "await done;";
    main += `import { writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";
const text = ${JSON.stringify(edited.source(0))};
// The edited module says which version ran; the entry waits for it.
const source = (n) => text.replace("export const version = 0;", "export const version = " + n + ";\\nglobalThis.benchVersion = " + n + ";");
const target = new URL("./${target}", import.meta.url);
let waiting = null;
let expected = 0;
${style === "accept" ? `import.meta.hot.accept(${JSON.stringify(routes)}, () => { if (globalThis.benchVersion === expected) waiting?.(); });` : ""}
const wall = [];
const cpu = [];
let heapBase = 0;
let heapMid = 0;
let objectsBase = 0;
let rssBefore = 0;
let rssMid = 0;
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
// The heap without V8's compiled code and bytecode (code and trusted spaces), which grow as V8
// optimises the hot functions of the app and the runtime, then level off: what stays is objects.
const objects = () => getHeapSpaceStatistics().filter((space) => !/^(code|trusted)/.test(space.space_name)).reduce((sum, space) => sum + space.space_used_size, 0);
// Runtimes watch without keeping the process alive.
setInterval(() => {}, 1000);
// After the entry evaluated: runtimes start watching once the app is ready.
setTimeout(async () => {
for (let n = 1; n <= ${warmUp + edits}; n += 1) {
  if (n === ${warmUp + 1}) { heapBase = ${gcEvery} ? heap() : 0; objectsBase = ${gcEvery} ? objects() : 0; rssBefore = process.memoryUsage().rss; }
  if (n === ${warmUp + 1 + Math.floor(edits / 2)}) { heapMid = ${gcEvery} ? heap() : 0; rssMid = process.memoryUsage().rss; }
  expected = n;
  const done = new Promise((resolve) => (waiting = resolve));
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  writeFileSync(target, source(n));
  ${waitForUpdate}
  const used = process.cpuUsage(cpuStart);
  if (n > ${warmUp}) { wall.push(performance.now() - started); cpu.push((used.user + used.system) / 1000); }
  // Let the watcher's last events of this write pass before the next one.
  await new Promise((resolve) => setTimeout(resolve, ${settleMs}));
}
const heapEnd = ${gcEvery} ? heap() : 0;
const objectsPerUpdate = ${gcEvery} ? (objects() - objectsBase) / ${edits} : null;
const heapPerUpdate = ${gcEvery} ? (heapEnd - heapBase) / ${edits} : null;
// The second half alone: whether what is kept levels off once V8 has warmed the code up.
const heapPerUpdateLater = ${gcEvery} ? (heapEnd - heapMid) / ${edits - Math.floor(edits / 2)} : null;
console.log(JSON.stringify({ wall, cpu, heapPerUpdate, heapPerUpdateLater, objectsPerUpdate, rssBefore, rssMid, rssAfter: process.memoryUsage().rss }));
process.exit(0);
}, ${style === "accept" ? 200 : 1000});
`;
  }
  writeFileSync(join(dir, "main.js"), main);
  return dir;
}

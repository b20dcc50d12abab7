// Generates an app of about 1,000 modules for the graph tests: layers of folders (routes,
// services, models, lib) where each module imports about four modules of the layers below, so
// the graph has about 3,000 imports. Route files under routes/api accept their own updates
// (hot), routes/admin/index.js accepts its siblings, the rest restart. The same seed gives the
// same app.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The folders of each layer, top to bottom, with how many modules each holds. */
const layers: Array<Array<[folder: string, modules: number]>> = [
  [["src", 2]],
  [["src/routes/api", 90], ["src/routes/web", 80], ["src/routes/admin", 60]],
  [["src/services/users", 60], ["src/services/billing", 60], ["src/services/search", 50], ["src/services/mail", 40]],
  [["src/models", 160], ["src/db", 48], ["src/db/migrations", 40]],
  [["src/lib/util", 150], ["src/lib/format", 90], ["src/lib/config", 60], ["src/lib/log", 10]],
];

/** What generate() wrote. */
export interface BigWorkspace {
  /** Module paths relative to the folder. */
  modules: string[];
  imports: number;
  entry: string;
}

/** Writes the app into dir (which it creates) and returns its module list. */
export function generateWorkspace(dir: string, seed = 7): BigWorkspace {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const files: string[][] = layers.map((layer) =>
    layer.flatMap(([folder, count]) =>
      Array.from({ length: count }, (_, i) => (folder === "src" ? ["src/main.js", "src/app.js"][i] : `${folder}/${folder.split("/").pop()}${i}.js`)),
    ),
  );
  const importsOf = new Map<string, Set<string>>(files.flat().map((file) => [file, new Set()]));
  importsOf.get("src/main.js")!.add("src/app.js");
  // Every module is imported by one module of the layer above, so the entry reaches it.
  for (let layer = 1; layer < files.length; layer++) {
    const above = layer === 1 ? ["src/app.js"] : files[layer - 1];
    for (const file of files[layer]) importsOf.get(above[Math.floor(random() * above.length)])!.add(file);
  }
  // The admin index imports (and accepts) three of its siblings.
  for (const sibling of ["admin1", "admin2", "admin3"]) importsOf.get("src/routes/admin/admin0.js")!.add(`src/routes/admin/${sibling}.js`);
  // Then about four imports each from the one or two layers below.
  for (let layer = 1; layer < files.length - 1; layer++) {
    for (const file of files[layer]) {
      while (importsOf.get(file)!.size < 4) {
        const below = files[Math.min(files.length - 1, layer + 1 + Math.floor(random() * 2))];
        importsOf.get(file)!.add(below[Math.floor(random() * below.length)]);
      }
    }
  }
  // Library modules use the config and the log.
  const base = files[files.length - 1].filter((f) => f.startsWith("src/lib/config/") || f.startsWith("src/lib/log/"));
  for (const file of files[files.length - 1]) {
    if (!base.includes(file)) importsOf.get(file)!.add(base[Math.floor(random() * base.length)]);
  }
  let imports = 0;
  for (const [file, deps] of importsOf) {
    const from = path.posix.dirname(file);
    const lines: string[] = [];
    let i = 0;
    for (const dep of [...deps].sort()) {
      let spec = path.posix.relative(from, dep);
      if (!spec.startsWith(".")) spec = `./${spec}`;
      lines.push(`import * as m${i++} from ${JSON.stringify(spec)};`);
    }
    imports += deps.size;
    const name = path.posix.basename(file, ".js");
    lines.push("", `export const name = ${JSON.stringify(name)};`, `export const uses = [${[...Array(i).keys()].map((k) => `m${k}.name`).join(", ")}];`);
    if (file.startsWith("src/routes/api/")) lines.push("", "import.meta.hot?.accept();");
    if (file === "src/routes/admin/admin0.js") {
      const siblings = files[1].filter((f) => f.startsWith("src/routes/admin/") && deps.has(f));
      if (siblings.length) lines.push("", `import.meta.hot?.accept(${JSON.stringify(siblings.map((f) => `./${path.posix.basename(f)}`))});`);
    }
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, lines.join("\n") + "\n");
  }
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "big-app", private: true, type: "module", main: "src/main.js" }, null, 2));
  return { modules: [...importsOf.keys()], imports, entry: "src/main.js" };
}

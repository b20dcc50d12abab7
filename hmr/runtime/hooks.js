// Node's part: module.registerHooks (not the deprecated module.register) hands every
// participating file that Node itself is asked to load (the entry, or a file an external module
// imports) to the runtime through a small stub; everything else loads as usual.
import { registerHooks } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transformModule } from "./transform.js";

const RUNTIME_GLOBAL = 'globalThis[Symbol.for("hotswap.runtime")]';

/** Installs the load hook for `runtime`. */
export function installHooks(runtime) {
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith("file:")) return nextLoad(url, context);
      const path = fileURLToPath(url);
      if (!runtime.resolver.participates(path)) return nextLoad(url, context);
      // The first participating file Node loads is the program's entry.
      const isEntry = !runtime.entryClaimed;
      runtime.entryClaimed = true;
      const source = isEntry ? entryStub(path) : rootStub(path);
      return { format: "module", source, shortCircuit: true };
    },
  });
}

function entryStub(path) {
  return `await ${RUNTIME_GLOBAL}.runEntry(${JSON.stringify(path)});\n`;
}

// A participating file imported by an external module: its own export names are re-exported
// from the runtime's instance (a snapshot taken when it loaded; star exports are not followed).
function rootStub(path) {
  let names = [];
  try {
    if (path.endsWith(".json")) names = ["default"];
    else names = transformModule(path, readFileSync(path, "utf8")).exports.map((e) => e.name);
  } catch {
    // The runtime reports the error with its location when it loads the file.
  }
  const lines = [`const namespace = await ${RUNTIME_GLOBAL}.importRoot(${JSON.stringify(path)});`];
  for (const [index, name] of names.entries()) {
    lines.push(`const binding${index} = namespace[${JSON.stringify(name)}];`);
    lines.push(`export { binding${index} as ${JSON.stringify(name)} };`);
  }
  return `${lines.join("\n")}\n`;
}

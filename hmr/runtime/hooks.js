// Node's part: module.registerHooks (not the deprecated module.register) hands every
// participating file that Node itself is asked to load (the entry, or a file an external module
// imports) to the runtime through a small stub; everything else loads as usual. The resolve
// hook only turns Node's error for a missing entry into one clear line.
import { registerHooks } from "node:module";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pathForDisplay, projectRootAbove } from "./display-path.js";
import { isMissingEntry, mainScriptPath } from "./startup-errors.js";
import { withDebuggerStubName } from "./debug-source-map.js";
import { transformModule } from "./transform.js";

const RUNTIME_GLOBAL = 'globalThis[Symbol.for("hotswap.runtime")]';

/** Installs the resolve and load hooks for `runtime`. */
export function installHooks(runtime) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!runtime.entryClaimed && isMissingEntry(specifier, error)) reportMissingEntry(runtime);
        throw error;
      }
    },
    load(url, context, nextLoad) {
      if (!url.startsWith("file:")) return nextLoad(url, context);
      const path = fileURLToPath(url);
      if (!runtime.resolver.participates(path)) {
        // Node runs such an entry right after this hook; a check-phase callback runs after its
        // synchronous part, which is all of a CommonJS module.
        if (!runtime.entryClaimed && process.argv[1] && isMainScript(path)) {
          runtime.entryClaimed = true;
          setImmediate(() => runtime.announceReady(path));
        }
        return nextLoad(url, context);
      }
      const isEntry = !runtime.entryClaimed && isMainScript(path);
      if (isEntry) runtime.entryClaimed = true;
      const source = isEntry ? entryStub(path) : rootStub(path);
      return { format: "module", source: withDebuggerStubName(source, url), shortCircuit: true };
    },
  });
}

// Node's own error for a missing entry is a stack of its loader's internals; one line says it.
function reportMissingEntry(runtime) {
  const main = mainScriptPath();
  const shown = pathForDisplay(projectRootAbove(dirname(main)) ?? process.cwd(), main);
  runtime.messages.fatal(`cannot find entry ${isAbsolute(shown) ? shown : `./${shown}`}`);
  process.exit(1);
}

// The entry is the script named on the command line; without one (`node -e`), the first
// participating file Node loads.
function isMainScript(path) {
  const main = process.argv[1];
  if (!main) return true;
  try {
    return realpathSync(main) === path;
  } catch {
    return resolve(main) === path;
  }
}

function entryStub(path) {
  return `await ${RUNTIME_GLOBAL}.runEntry(${JSON.stringify(path)});\n`;
}

// A participating file imported by an external module: its own export names (star exports are
// not followed) are re-exported from the runtime's live namespace, refreshed after every update.
function rootStub(path) {
  let names = [];
  try {
    if (path.endsWith(".json")) names = ["default"];
    else names = transformModule(path, readFileSync(path, "utf8")).exports.map((e) => e.name);
  } catch {
    // The runtime reports the error with its location when it loads the file.
  }
  const bindings = names.map((_, index) => `binding${index}`);
  const lines = [
    `const runtime = ${RUNTIME_GLOBAL};`,
    `const namespace = await runtime.importRoot(${JSON.stringify(path)});`,
  ];
  if (names.length > 0) {
    lines.push(`let ${bindings.join(", ")};`);
    const assignments = names.map((name, index) => `${bindings[index]} = namespace[${JSON.stringify(name)}];`);
    lines.push(`const refresh = () => { ${assignments.join(" ")} };`, "refresh();", "runtime.stubRefreshers.add(refresh);");
    lines.push(`export { ${names.map((name, index) => `${bindings[index]} as ${JSON.stringify(name)}`).join(", ")} };`);
  }
  return `${lines.join("\n")}\n`;
}

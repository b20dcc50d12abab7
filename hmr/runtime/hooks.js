// Node's part: module.registerHooks (not the deprecated module.register) hands every
// participating file that Node itself is asked to load (the entry, or a file an external module
// imports) to the runtime through a small stub; everything else loads as plain node loads it.
// What require() reaches (CommonJS, and app ES modules through require(esm)) stays Node's: a
// stub that awaits the runtime cannot be required. The resolve hook also lets a package find an
// app's `.ts` file by its `.js` name, and turns Node's error for a missing entry into one line.
import { registerHooks } from "node:module";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pathForDisplay, projectRootAbove } from "./display-path.js";
import { withExternalHot } from "./external-hot.js";
import { compileForNode } from "./native-load.js";
import { isTransformHelper, transformHelperUrl } from "./resolve.js";
import { isMissingEntry, mainScriptPath } from "./startup-errors.js";
import { withDebuggerStubName } from "./debug-source-map.js";
import { transformModule } from "./transform.js";

const RUNTIME_GLOBAL = 'globalThis[Symbol.for("hotswap.runtime")]';
const NODE_MODULES = /[\\/]node_modules[\\/]/;
// Only paths can name an app file from a package; bare specifiers name packages. An absolute
// path is `/x` here and also `C:\x` on Windows (require(join(__dirname, "x.js"))), so isAbsolute.
const PATH_SPECIFIER = /^(?:\.\.?\/|file:)/;
let resolvingIntoApp = false;
let typeScriptEntryHandedOver = false;

/**
 * Installs the resolve and load hooks. With a `runtime` (the main thread) participating files
 * go to it; without one (a worker thread) every file loads as Node loads it, TypeScript and JSX
 * compiled first.
 * @param {import("./resolve.js").Resolver} resolver
 * @param {import("./runtime.js").Runtime | null} runtime
 */
export function installHooks(resolver, runtime) {
  // URLs require() reached, directly or through the imports of an ES module it loaded: Node
  // loads them itself. A CommonJS module's own import() still goes to the runtime.
  const requiredUrls = new Set();
  const nativeModules = new Set();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      let result;
      try {
        result = isTransformHelper(specifier)
          ? { url: transformHelperUrl(specifier), shortCircuit: true }
          : nextResolve(specifier, context);
      } catch (error) {
        result = resolveIntoApp(resolver, specifier, context);
        if (!result) {
          if (runtime && !runtime.entryClaimed && isMissingEntry(specifier, error)) reportMissingEntry(runtime);
          throw error;
        }
      }
      if (context.conditions?.includes("require") || nativeModules.has(context.parentURL)) requiredUrls.add(result.url);
      return result;
    },
    load(url, context, nextLoad) {
      if (!url.startsWith("file:")) return nextLoad(url, context);
      const path = fileURLToPath(url);
      const participates = resolver.participates(path);
      if (!runtime) return participates ? compileForNode(path, url, context, nextLoad) : nextLoad(url, context);
      // `./x.js?v=2` is an instance of its own, as in Node, and Node's: the hot one is `./x.js`'s.
      if (participates && /[?#]/.test(url)) return compileForNode(path, url, context, nextLoad);
      if (!participates || requiredUrls.has(url)) {
        const why = participates ? "required as an ES module" : resolver.isAppCommonJs(path) ? "CommonJS" : null;
        if (why && runtime.nodeLoaded.note(path, why)) runtime.watchFile?.(path);
        // Node runs such an entry right after this hook; a check-phase callback runs after its
        // synchronous part, which is all of a CommonJS module.
        if (!runtime.entryClaimed && process.argv[1] && isMainScript(path)) {
          runtime.entryClaimed = true;
          setImmediate(() => runtime.announceReady(path));
        }
        const loaded = participates ? compileForNode(path, url, context, nextLoad) : withExternalHot(nextLoad(url, context));
        // Node 22 runs a CommonJS TypeScript entry (.cts, or .ts in a CommonJS package) through
        // its ES loader's translator, which strips the types and compiles it without
        // Module.prototype._compile: no `module.hot`. With no source, that translator hands the
        // entry to the CommonJS loader (Module._load), whose .cts/.ts extension strips the types
        // and goes through _compile, as a required .cts does. Only that once: the entry's later
        // versions are required by the runtime, through this hook too, and need their source.
        if (loaded.format === "commonjs-typescript" && why === "CommonJS" && !typeScriptEntryHandedOver && isMainScript(path)) {
          typeScriptEntryHandedOver = true;
          return { format: "commonjs", source: null, shortCircuit: true };
        }
        if (requiredUrls.delete(url) && loaded.format?.startsWith("module")) nativeModules.add(url);
        return loaded;
      }
      const isEntry = !runtime.entryClaimed && isMainScript(path);
      if (isEntry) runtime.entryClaimed = true;
      const source = isEntry ? entryStub(path) : rootStub(path);
      return { format: "module", source: withDebuggerStubName(source, url), shortCircuit: true };
    },
  });
}

// A package that imports an app file by the name it will have once compiled (`./x.js` for
// `x.ts`, as TypeScript's NodeNext rules write it) finds the source file, as the runtime's own
// resolver does for the app. Only paths, and only files outside node_modules.
function resolveIntoApp(resolver, specifier, context) {
  if (resolvingIntoApp || !(PATH_SPECIFIER.test(specifier) || isAbsolute(specifier)) || !context.parentURL?.startsWith("file:")) return null;
  let resolution;
  // The resolver's first use loads oxc-resolver, whose own requires come through this hook.
  resolvingIntoApp = true;
  try {
    resolution = resolver.resolve(specifier, fileURLToPath(context.parentURL));
  } catch {
    return null;
  } finally {
    resolvingIntoApp = false;
  }
  if (!resolution.path || NODE_MODULES.test(resolution.path)) return null;
  return { url: pathToFileURL(resolution.path).href, shortCircuit: true };
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
// not followed) are re-exported from the runtime's live namespace, refreshed after every update
// and every write to an exported binding (export-writes.js). A binding not yet initialised (a
// module of an update still evaluating) keeps its last value until the next refresh.
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
    const assignments = names.map((name, index) => `try { ${bindings[index]} = namespace[${JSON.stringify(name)}]; } catch {}`);
    lines.push(`const refresh = () => { ${assignments.join(" ")} };`, "refresh();", "runtime.stubRefreshers.add(refresh);");
    lines.push(`export { ${names.map((name, index) => `${bindings[index]} as ${JSON.stringify(name)}`).join(", ")} };`);
  }
  return `${lines.join("\n")}\n`;
}

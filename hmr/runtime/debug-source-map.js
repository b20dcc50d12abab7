// Source maps for debuggers. When the inspector is on, every compiled version of a module ends
// with an inline `//# sourceMappingURL=data:...` so that a Chrome DevTools Protocol client (VS
// Code's JavaScript debugger, Chrome DevTools) sees the original file, TypeScript included: the
// TypeScript-strip map and the module-transform map are composed into one.
//
// Each version then runs under its own script URL, `file:///…/greet.ts#hot=<n>`. A debugger sets a
// breakpoint on a file it has not seen mapped by the file's URL pattern (`greet.ts` followed by
// the end or `?`); a fragment keeps that pattern from binding to generated lines, so breakpoints
// only bind through the maps. After an update the new version's map brings the file's
// breakpoints to its new lines; the retired version's function is no longer called.
//
// Without the inspector nothing here runs: maps stay lazy (stack-traces.js) and start-up fast.
import { LINES_BEFORE_SOURCE, sourceMapsOf } from "./transform.js";

const INSPECT_FLAG = /^--inspect(?:-brk|-wait)?(?:=|$)/;

let active;
// The composing library is loaded only under a debugger.
const remapping = debuggerSourceMaps() ? (await import("@jridgewell/remapping")).default : null;
const codec = debuggerSourceMaps() ? await import("@jridgewell/sourcemap-codec") : null;

/**
 * Whether compiled modules carry inline source maps: the inspector was asked for on the command
 * line or in NODE_OPTIONS, or VS Code's debug terminal opened it (it sets
 * VSCODE_INSPECTOR_OPTIONS and calls inspector.open() before the app's own code).
 */
export function debuggerSourceMaps() {
  if (active !== undefined) return active;
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  active = flags.some((flag) => INSPECT_FLAG.test(flag));
  if (!active && process.env.VSCODE_INSPECTOR_OPTIONS) active = inspectorOpen();
  return active;
}

function inspectorOpen() {
  try {
    return process.getBuiltinModule("node:inspector").url() !== undefined;
  } catch {
    return false;
  }
}

/** The script URL of the `count`-th compiled version of the file at `url` under a debugger. */
export function debuggerScriptUrl(url, count) {
  return `${url}#hot=${count}`;
}

/**
 * Under a debugger, names the stub Node loads for a file (hooks.js) `file:///…#hotswap-stub`, so
 * that a breakpoint set on the file by its URL pattern does not bind to the stub's first line.
 */
export function withDebuggerStubName(source, url) {
  return debuggerSourceMaps() ? `${source}//# sourceURL=${url}#hotswap-stub\n` : source;
}

/**
 * Returns `transformed` with an inline source map appended to its code when the inspector is on
 * (else `transformed` itself). `fileUrl` names the original file in the map; `source` is its text,
 * carried as sourcesContent so a client that cannot read the disk (DevTools) shows it too.
 */
export function withDebuggerSourceMap(transformed, path, fileUrl, source) {
  if (!debuggerSourceMaps() || !transformed) return transformed;
  let map;
  try {
    map = composedMap(path, fileUrl, source);
  } catch {
    // A module that transforms (it did) but whose maps do not compose still runs, unmapped.
    return transformed;
  }
  const data = Buffer.from(JSON.stringify(map)).toString("base64");
  return { ...transformed, code: `${transformed.code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${data}` };
}

/**
 * One map from the compiled script's text to the original file. compile.js puts the wrapper's
 * header on the text's first line, so the module code starts on the second: an empty first line
 * goes in front. Debuggers read a map relative to the script's text (js-debug and DevTools both
 * remove the script's start line, -1 here, before they look a position up).
 */
export function composedMap(path, fileUrl, source) {
  const maps = sourceMapsOf({ path, source, maps: null });
  const chain = maps.slice().reverse();
  chain[0] = withoutMarkerLines(chain[0]);
  const composed = remapping(chain.length === 1 ? chain[0] : chain, () => null, { excludeContent: true });
  return {
    version: 3,
    file: fileUrl,
    sources: [fileUrl],
    sourcesContent: [source],
    names: composed.names,
    mappings: `;${composed.mappings}`,
  };
}

// The module runner transform saw a marker line above the module (transform.js); its map's
// original lines are that many lines below the file's.
function withoutMarkerLines(map) {
  const lines = codec.decode(map.mappings).map((segments) =>
    segments
      .filter((segment) => segment.length === 1 || segment[2] >= LINES_BEFORE_SOURCE)
      .map((segment) => (segment.length === 1 ? segment : [segment[0], segment[1], segment[2] - LINES_BEFORE_SOURCE, ...segment.slice(3)])),
  );
  return { ...map, mappings: codec.encode(/** @type {import("@jridgewell/sourcemap-codec").SourceMapMappings} */ (lines)) };
}

// Stack traces of hot modules point at the original file, line and column. Node does not map
// code compiled with vm, so the runtime wraps Error.prepareStackTrace: Node formats the trace as
// usual (and maps other frames with --enable-source-maps), then the frames of hot modules get
// their original positions. Source maps are made lazily, only when a trace of that module is
// formatted.
//
// A module's first compiled source runs under its plain file URL; later sources get
// `?hot=<n>` so that a frame of an old version (a timer or request still running old code) is
// mapped with that version's map. Under a debugger every version is `#hot=<n>` instead
// (debug-source-map.js). The last few sources of each file are remembered, no more.
import { SourceMap } from "node:module";
import { debuggerScriptUrl, debuggerSourceMaps } from "./debug-source-map.js";
import { LINES_BEFORE_SOURCE, sourceMapsOf } from "./transform.js";

const SOURCES_KEPT_PER_FILE = 4;
const HOT_QUERY = /[?#]hot=\d+$/;

/** Script URL -> compiled module (path, source, lazily made maps). */
const scripts = new Map();
/** File path -> its remembered script URLs, oldest first. */
const urlsByPath = new Map();
const decodedMaps = new WeakMap();
const firstHotFrames = new WeakMap();

/** The script URL for the `count`-th distinct source compiled for the file at `url`. */
export function scriptUrl(url, count) {
  if (debuggerSourceMaps()) return debuggerScriptUrl(url, count);
  return count <= 1 ? url : `${url}?hot=${count}`;
}

/** Remembers which compiled module runs under `url`, forgetting the oldest beyond the limit. */
export function rememberScript(url, compiled) {
  scripts.set(url, compiled);
  const urls = urlsByPath.get(compiled.path) ?? [];
  if (!urls.includes(url)) urls.push(url);
  while (urls.length > SOURCES_KEPT_PER_FILE) scripts.delete(urls.shift());
  urlsByPath.set(compiled.path, urls);
}

/** Forgets every script of a file that left the graph. */
export function forgetScripts(path) {
  for (const url of urlsByPath.get(path) ?? []) scripts.delete(url);
  urlsByPath.delete(path);
}

/** Installs the mapping over whatever Error.prepareStackTrace Node has. */
export function installStackTraces() {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = function prepareStackTrace(error, callSites) {
    let text = previous
      ? previous.call(this, error, callSites)
      : `${describeError(error)}${callSites.map((site) => `\n    at ${site}`).join("")}`;
    for (const site of callSites) {
      const url = site.getFileName?.();
      if (!url) continue;
      const compiled = scripts.get(url);
      if (!compiled) continue;
      const line = site.getLineNumber();
      const column = site.getColumnNumber();
      const original = originalPosition(compiled, line, column);
      if (!original) continue;
      const fileUrl = url.replace(HOT_QUERY, "");
      text = text.replace(`${url}:${line}:${column}`, `${fileUrl}:${original.line}:${original.column}`);
      if (error !== null && typeof error === "object" && !firstHotFrames.has(error)) {
        firstHotFrames.set(error, { file: compiled.path, ...original });
      }
    }
    return text;
  };
}

function describeError(error) {
  try {
    return String(error);
  } catch {
    return "Error";
  }
}

/** The first frame of a hot module in `error`'s stack, mapped: { file, line, column }. */
export function firstHotFrame(error) {
  if (error === null || typeof error !== "object") return undefined;
  void error.stack;
  return firstHotFrames.get(error);
}

/** Maps a 1-based position in the compiled body to the original source, through every map. */
export function originalPosition(compiled, line, column) {
  if (!compiled.run) return null;
  let maps = decodedMaps.get(compiled);
  if (!maps) {
    try {
      maps = sourceMapsOf(compiled).map((payload) => new SourceMap(payload));
    } catch {
      return null;
    }
    decodedMaps.set(compiled, maps);
  }
  // V8 reports positions at the start of a token, and the transforms map every token they
  // emit, so the entry at (or just before) the position is the token's original position.
  let position = { line, column };
  for (let index = maps.length - 1; index >= 0; index -= 1) {
    const entry = maps[index].findEntry(position.line - 1, position.column - 1);
    if (!entry || entry.originalLine === undefined) return null;
    position = { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
    // The module runner transform saw a marker line above the module (see transform.js).
    if (index === maps.length - 1) position.line -= LINES_BEFORE_SOURCE;
    if (position.line < 1) return null;
  }
  return position;
}

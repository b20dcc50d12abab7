// Stack traces of hot modules point at the original file, line and column. Node does not map
// code compiled with vm.Script, so the runtime wraps Error.prepareStackTrace: Node formats the
// trace as usual (and maps other frames with --enable-source-maps), then the frames of hot
// modules get their original positions. Source maps are decoded lazily, only when a trace of
// that module is formatted.
import { SourceMap } from "node:module";
import { sourceMapsOf } from "./transform.js";

const decodedMaps = new WeakMap();
const firstHotFrames = new WeakMap();

/** Installs the mapping; `recordOfUrl(url)` returns the record a script URL belongs to. */
export function installStackTraces(recordOfUrl) {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = function prepareStackTrace(error, callSites) {
    let text = previous
      ? previous.call(this, error, callSites)
      : `${describeError(error)}${callSites.map((site) => `\n    at ${site}`).join("")}`;
    for (const site of callSites) {
      const url = site.getFileName?.();
      if (!url || !url.startsWith("file:")) continue;
      const record = recordOfUrl(url);
      if (!record?.current) continue;
      const line = site.getLineNumber();
      const column = site.getColumnNumber();
      const original = originalPosition(record.current.compiled, line, column);
      if (!original) continue;
      text = text.replace(`${url}:${line}:${column}`, `${url}:${original.line}:${original.column}`);
      if (error !== null && typeof error === "object" && !firstHotFrames.has(error)) {
        firstHotFrames.set(error, { file: record.path, ...original });
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
  }
  return position;
}

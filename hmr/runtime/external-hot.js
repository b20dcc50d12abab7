// `import.meta.hot` for ES modules that Node loads itself (packages under node_modules, ignored
// files). Frameworks test for it to decide whether to cache what they import: AdonisJS's
// container re-imports a lazily imported controller on every request only when
// `"hot" in import.meta`. Such a module never changes while the app runs, so its handlers never
// run; it only needs to see the object. The cost stays near zero: only sources that mention
// `import.meta.hot` or `in import.meta` are touched, by a prelude on their first line (line
// numbers of the rest stay as they were).
import { BOUNDARY } from "./hot.js";

const META = "import.meta";
const PRELUDE = 'import.meta.hot = globalThis[Symbol.for("hotswap.runtime")]?.externalHot;';

/** The `import.meta.hot` of a module that is never replaced: registrations are accepted and kept nowhere. */
export const EXTERNAL_HOT = Object.freeze({
  data: undefined,
  boundary: BOUNDARY,
  accept() {},
  decline() {},
  dispose() {},
  prune() {},
  invalidate() {},
  on() {
    return () => {};
  },
});

/**
 * The load hook's result with the prelude added when the module is an ES module whose source
 * mentions `import.meta.hot`; otherwise `result` unchanged (its source is not even decoded).
 * @param {{ format?: string, source?: string | ArrayBufferView | ArrayBuffer }} result
 */
export function withExternalHot(result) {
  if (result.format !== "module" || result.source == null) return result;
  const source = /** @type {any} */ (result.source); // an ArrayBuffer has no .buffer, a view has
  const text = typeof source === "string" ? source : Buffer.from(source.buffer ?? source, source.byteOffset ?? 0, source.byteLength);
  if (!mentionsHot(text)) return result;
  const code = typeof text === "string" ? text : text.toString("utf8");
  return { ...result, source: addPrelude(code) };
}

// One search for "import.meta" (most files have none), then a look at what stands around it:
// `import.meta.hot` or `in import.meta`.
function mentionsHot(text) {
  for (let at = text.indexOf(META); at !== -1; at = text.indexOf(META, at + META.length)) {
    if (startsWithAt(text, ".hot", at + META.length)) return true;
    if (at >= 3 && startsWithAt(text, "in", at - 3) && isSpace(charAt(text, at - 1))) return true;
  }
  return false;
}

function startsWithAt(text, word, at) {
  if (typeof text === "string") return text.startsWith(word, at);
  for (let index = 0; index < word.length; index += 1) if (text[at + index] !== word.charCodeAt(index)) return false;
  return true;
}

function charAt(text, at) {
  return typeof text === "string" ? text.charCodeAt(at) : text[at];
}

function isSpace(code) {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function addPrelude(code) {
  // A hashbang must stay the first line.
  if (!code.startsWith("#!")) return PRELUDE + code;
  const end = code.indexOf("\n");
  return end === -1 ? `${code}\n${PRELUDE}` : `${code.slice(0, end + 1)}${PRELUDE}${code.slice(end + 1)}`;
}

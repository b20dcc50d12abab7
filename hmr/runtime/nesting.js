// A cheap depth scan before oxc sees a file. oxc parses recursively on a native stack: about
// 15,000 nested brackets overflow it and the whole app dies with SIGSEGV, which no try/catch
// can stop. Real code nests a few dozen levels; past MAX_NESTING the file is refused with a
// located syntax error instead, and the running app keeps its old code.
import { ModuleSyntaxError } from "./transform.js";

/** Deepest bracket nesting ((, [, {, `${`) a module may have. */
export const MAX_NESTING = 1000;

const OPEN = new Set([0x28, 0x5b, 0x7b]); // ( [ {
const CLOSE = new Set([0x29, 0x5d, 0x7d]); // ) ] }

/**
 * Throws ModuleSyntaxError at the bracket that goes deeper than MAX_NESTING. Strings, comments
 * and template text are skipped; a backslash skips the next character (regular expressions).
 * Only files with that many opening brackets at all are scanned.
 */
export function checkNesting(file, source) {
  if (!mayNestTooDeep(source)) return;
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  // Template literals nest through `${`; each open template remembers the depth it started at.
  const templates = [];
  const length = source.length;
  for (let at = 0; at < length; at += 1) {
    const code = source.charCodeAt(at);
    if (code === 0x0a) {
      line += 1;
      lineStart = at + 1;
    } else if (code === 0x5c) {
      at += 1; // \x: an escaped character, in a regular expression or an identifier
    } else if (code === 0x22 || code === 0x27) {
      at = skipString(source, at, code);
    } else if (code === 0x2f && source.charCodeAt(at + 1) === 0x2f) {
      while (at < length && source.charCodeAt(at) !== 0x0a) at += 1;
      at -= 1;
    } else if (code === 0x2f && source.charCodeAt(at + 1) === 0x2a) {
      const end = source.indexOf("*/", at + 2);
      const stop = end < 0 ? length : end + 2;
      for (let i = at; i < stop; i += 1) {
        if (source.charCodeAt(i) === 0x0a) {
          line += 1;
          lineStart = i + 1;
        }
      }
      at = stop - 1;
    } else if (code === 0x60 || (code === 0x7d && templates.length > 0 && templates.at(-1) === depth)) {
      // The start of a template, or the `}` that ends a `${` and goes back into its text.
      if (code === 0x7d) templates.pop();
      const end = skipTemplateText(source, at + 1);
      for (let i = at; i < end.at; i += 1) {
        if (source.charCodeAt(i) === 0x0a) {
          line += 1;
          lineStart = i + 1;
        }
      }
      at = end.at;
      if (end.substitution) {
        templates.push(depth);
        depth += 1;
        if (depth > MAX_NESTING) throw tooDeep(file, line, at - lineStart + 1);
      }
    } else if (OPEN.has(code)) {
      depth += 1;
      if (depth > MAX_NESTING) throw tooDeep(file, line, at - lineStart + 1);
    } else if (CLOSE.has(code)) {
      if (depth > 0) depth -= 1;
    }
  }
}

function mayNestTooDeep(source) {
  let opening = 0;
  for (let at = 0; at < source.length; at += 1) {
    if (OPEN.has(source.charCodeAt(at)) && ++opening > MAX_NESTING) return true;
  }
  return false;
}

function skipString(source, at, quote) {
  for (let i = at + 1; i < source.length; i += 1) {
    const code = source.charCodeAt(i);
    if (code === 0x5c) i += 1;
    else if (code === quote || code === 0x0a) return i;
  }
  return source.length;
}

// From just after a backtick or a substitution's `}`: returns where the text ends (the closing
// backtick, or the `{` of a `${`) and whether a substitution begins there.
function skipTemplateText(source, at) {
  for (let i = at; i < source.length; i += 1) {
    const code = source.charCodeAt(i);
    if (code === 0x5c) i += 1;
    else if (code === 0x60) return { at: i, substitution: false };
    else if (code === 0x24 && source.charCodeAt(i + 1) === 0x7b) return { at: i + 1, substitution: true };
  }
  return { at: source.length, substitution: false };
}

function tooDeep(file, line, column) {
  return new ModuleSyntaxError(
    `nesting deeper than ${MAX_NESTING} levels; the file is refused before parsing, which would overflow the stack`,
    file,
    line,
    column,
    null,
  );
}

// The base of the errors that point into a source file (syntax and link errors): their stack
// names the user's file and line instead of the runtime's internals, and their location fields
// are there for the runtime but stay out of Node's printout of an uncaught error.
import { pathToFileURL } from "node:url";

/** A SyntaxError at `file:line:column`; `frame` is an optional code excerpt to show. */
export class SourceError extends SyntaxError {
  constructor(message, file, line, column, frame) {
    super(`${message} (${file}:${line}:${column})`);
    locate(this, "SyntaxError", message, file, line, column, frame);
  }
}

/**
 * An import that does not resolve, at `file:line:column`: as Node's, an Error (not a
 * SyntaxError) with the code ERR_MODULE_NOT_FOUND. It also stops a load as a link error.
 */
export class ModuleNotFoundError extends Error {
  constructor(message, file, line, column) {
    super(`${message} (${file}:${line}:${column})`);
    locate(this, "Error", message, file, line, column, null);
    this.code = "ERR_MODULE_NOT_FOUND";
    /** Where a relative import points, set by loader.js (no own property until then). @type {string | undefined} */
    this.missingPath;
    /** The URL Node names for a missing file, set by loader.js (no own property until then). @type {string | undefined} */
    this.url;
  }
}

/**
 * `error` (one Node would throw, such as an import attribute it refuses) with the location of
 * the import that caused it, kept out of its message and stack as SourceError keeps it, for
 * update results and `[hot]` lines.
 * @template {Error} E @param {E} error @returns {E}
 */
export function withSourceLocation(error, file, line, column) {
  const hidden = (value) => ({ value, enumerable: false, writable: true, configurable: true });
  Object.defineProperties(error, { reason: hidden(error.message), file: hidden(file), line: hidden(line), column: hidden(column) });
  return error;
}

function locate(error, name, message, file, line, column, frame) {
  const hidden = (value) => ({ value, enumerable: false, writable: true, configurable: true });
  Object.defineProperties(error, {
    name: hidden(name),
    reason: hidden(message),
    file: hidden(file),
    line: hidden(line),
    column: hidden(column),
    codeframe: hidden(frame ?? null),
  });
  const excerpt = frame ? `\n${frame.replace(/^\n+|\n+$/g, "")}` : "";
  error.stack = `${name}: ${error.message}${excerpt}\n    at ${pathToFileURL(file).href}:${line}:${column}`;
}

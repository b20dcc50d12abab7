// The base of the errors that point into a source file (syntax and link errors): their stack
// names the user's file and line instead of the runtime's internals, and their location fields
// are there for the runtime but stay out of Node's printout of an uncaught error.
import { pathToFileURL } from "node:url";

/** A SyntaxError at `file:line:column`; `frame` is an optional code excerpt to show. */
export class SourceError extends SyntaxError {
  constructor(message, file, line, column, frame) {
    super(`${message} (${file}:${line}:${column})`);
    const hidden = (value) => ({ value, enumerable: false, writable: true, configurable: true });
    Object.defineProperties(this, {
      name: hidden("SyntaxError"),
      reason: hidden(message),
      file: hidden(file),
      line: hidden(line),
      column: hidden(column),
      codeframe: hidden(frame ?? null),
    });
    const excerpt = frame ? `\n${frame.replace(/^\n+|\n+$/g, "")}` : "";
    this.stack = `SyntaxError: ${this.message}${excerpt}\n    at ${pathToFileURL(file).href}:${line}:${column}`;
  }
}

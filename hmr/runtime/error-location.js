// Turns anything thrown (syntax, link and evaluation errors, throwing handlers) into the
// protocol's ErrorLocation: message, file, 1-based line and column of the original source.
import { firstHotFrame } from "./stack-traces.js";

/** ErrorLocation of PROTOCOL.md for `error`; `fallbackFile` names the file when nothing better. */
export function errorLocation(error, fallbackFile) {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : undefined;
  if (error && typeof error.file === "string" && typeof error.line === "number") {
    // Syntax and link errors carry their location; the runtime's own stack would only confuse.
    return { message: error.reason ?? message, file: error.file, line: error.line, column: error.column };
  }
  const frame = firstHotFrame(error);
  if (frame) return { message, file: frame.file, line: frame.line, column: frame.column, ...(stack ? { stack } : {}) };
  return { message, file: fallbackFile ?? "", line: 1, column: 1, ...(stack ? { stack } : {}) };
}

/** `file:line:column` of an ErrorLocation; `display` shortens the file's path for people. */
export function formatLocation(location, display = (path) => path) {
  return `${display(location.file)}:${location.line}:${location.column}`;
}

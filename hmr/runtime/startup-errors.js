// Start-up failures that only the user can fix: a syntax or link error in a module the entry
// loads, or an entry that does not exist. Each becomes one `[hot]` line naming the file, line
// and column (plus oxc's code excerpt when it is short), and the process exits with code 1;
// the runtime's own stack frames would only hide the user's mistake.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SourceError, ModuleNotFoundError } from "./source-error.js";

const LONGEST_EXCERPT_LINES = 12;

/** Whether `error` is a syntax or link error (an import that does not resolve too) in one of the app's files. */
export function isSourceError(error) {
  return error instanceof SourceError || error instanceof ModuleNotFoundError;
}

/** `file:line:column: SyntaxError: reason` (or `Error:`), then oxc's excerpt with the same short path. */
export function describeSourceError(error, display) {
  const file = display(error.file);
  const headline = `${file}:${error.line}:${error.column}: ${error.name}: ${error.reason}`;
  const excerpt = shortExcerpt(error.codeframe, error.file, file);
  return excerpt ? `${headline}\n${excerpt}` : headline;
}

// oxc's frame repeats the message on its first line (` x Unexpected token`) and names the file
// by its absolute path; the excerpt starts at the `,-[file:line:column]` line.
function shortExcerpt(frame, absolutePath, shownPath) {
  if (typeof frame !== "string") return "";
  const lines = frame.replace(/^\n+|\n+$/g, "").split("\n");
  const start = lines.findIndex((line) => line.includes(",-["));
  if (start < 0) return "";
  const excerpt = lines.slice(start);
  if (excerpt.length > LONGEST_EXCERPT_LINES) return "";
  return excerpt.map((line) => line.replace(`,-[${absolutePath}:`, `,-[${shownPath}:`)).join("\n");
}

/**
 * Says `message` on stderr (even when silent) and to a driver, then ends the process with 1.
 * @param {import("./runtime.js").Runtime} runtime
 */
export async function failStartup(runtime, message) {
  runtime.messages.fatal(message);
  await runtime.driver?.flush();
  process.exit(1);
}

/** The path of the main script the command line names, or null (`node -e`, a REPL). */
export function mainScriptPath() {
  return process.argv[1] ? resolve(process.argv[1]) : null;
}

/**
 * Whether a resolution that failed with `error` was Node's resolution of the command line's
 * entry, which then does not exist.
 */
export function isMissingEntry(specifier, error) {
  const main = mainScriptPath();
  if (!main || error?.code !== "ERR_MODULE_NOT_FOUND" && error?.code !== "MODULE_NOT_FOUND") return false;
  let path;
  try {
    path = specifier.startsWith("file:") ? fileURLToPath(specifier) : resolve(specifier);
  } catch {
    return false;
  }
  return path === main && !existsSync(main);
}

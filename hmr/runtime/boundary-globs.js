// hot-hook's configuration (SEMANTICS.md section 2): `"hotHook": { "boundaries": [globs] }` in the
// project's package.json makes a dynamic import() of a matching file a boundary. The globs are
// turned into regular expressions here, for exactly the syntax SEMANTICS.md gives (`*` within one
// path segment, `**` across segments, a leading `./` optional), so that the runtime and the Go
// analyser agree; node:path's matchesGlob knows more syntax and skips dotfiles.
import { readFileSync } from "node:fs";
import { dirname, posix, sep } from "node:path";
import { jsonErrorLocation } from "./json-error-location.js";
import { locationFromIndex } from "./source-location.js";

/** The boundary globs of one package.json, read again whenever that file changes. */
export class BoundaryGlobs {
  /**
   * `packageJsonPath` is absolute; `warn(message)` reports a file that cannot be used, naming it
   * as `display(path)` shows it.
   */
  constructor(packageJsonPath, { warn, display = (path) => path }) {
    this.path = packageJsonPath;
    this.warn = warn;
    this.display = display;
    /** The patterns as written, and one RegExp per pattern over absolute paths. */
    this.patterns = [];
    this.expressions = [];
    this.reload();
  }

  /** True when the absolute file `path` matches one of the globs. */
  matches(path) {
    const slashed = sep === "/" ? path : path.split(sep).join("/");
    return this.expressions.some((expression) => expression.test(slashed));
  }

  /**
   * Reads package.json again. A file that is gone, or has no hotHook.boundaries, means no globs;
   * a file that cannot be used is reported with its line and column and the previous globs stay.
   * Returns true when the globs changed.
   */
  reload() {
    let source;
    try {
      source = readFileSync(this.path, "utf8");
    } catch (error) {
      if (error?.code === "ENOENT") return this.use([]);
      return this.reject(1, 1, `cannot be read (${error.message})`);
    }
    // An editor truncates the file before it writes it; the write brings another change.
    if (source.trim() === "") return false;
    let manifest;
    try {
      manifest = JSON.parse(source);
    } catch (error) {
      const { line, column } = jsonErrorLocation(source, error);
      // V8's message repeats the position or quotes the text around it; the location says both.
      const reason = error.message.replace(/,\s*(?:\.\.\.)?".*$/s, "").replace(/ at position \d+.*$/s, "");
      return this.reject(line, column, `is not valid JSON (${reason})`);
    }
    const boundaries = manifest?.hotHook?.boundaries;
    if (boundaries === undefined) return this.use([]);
    if (!Array.isArray(boundaries) || !boundaries.every((glob) => typeof glob === "string" && glob !== "")) {
      const index = source.indexOf('"boundaries"');
      const { line, column } = locationFromIndex(source, Math.max(index, 0));
      return this.reject(line, column, "hotHook.boundaries must be an array of non-empty glob strings");
    }
    return this.use(boundaries);
  }

  use(patterns) {
    const changed = JSON.stringify(patterns) !== JSON.stringify(this.patterns);
    const folder = dirname(this.path).split(sep).join("/");
    this.patterns = patterns;
    this.expressions = patterns.map((pattern) => globToRegExp(folder, pattern));
    return changed;
  }

  reject(line, column, reason) {
    this.warn(`${this.display(this.path)}:${line}:${column}: ${reason}; hot-hook boundaries stay as they were.`);
    return false;
  }
}

/**
 * A RegExp matching the absolute paths that `pattern`, resolved from `folder`, names: a whole
 * segment `**` stands for any number of segments (none included), `*` for any characters but `/`.
 */
export function globToRegExp(folder, pattern) {
  // posix.join also drops a leading "./" and resolves "../" against the folder.
  const absolute = posix.join(folder, pattern.replace(/^\.\//, ""));
  const segments = absolute.split("/");
  let source = "";
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === "**") {
      source += last ? ".*" : "(?:[^/]+/)*";
      continue;
    }
    source += segment.split("*").map(escapeRegExp).join("[^/]*");
    if (!last) source += "/";
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text) {
  return text.replace(/[\\^$.|?+()[\]{}]/g, "\\$&");
}

// hot-hook's options: `hotHook` in the package.json found from the working directory upwards (as
// `--import=hot-hook/register` reads it), overridden by what the app passes to `hot.init`.
// Globs are resolved from `rootDirectory`: the package.json's folder, else the root file's.
import { readFileSync } from "node:fs";
import nodePath, { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { globToRegExp } from "../boundary-globs.js";
import { projectRootAbove } from "../display-path.js";

const KEYS = ["boundaries", "ignore", "restart", "root", "watch", "throwWhenBoundariesAreNotDynamicallyImported"];

/**
 * @typedef {object} HotHookOptions
 * @property {string} [root] The root file (entry); dump() paths are relative to its folder.
 * @property {string} [rootDirectory] Where globs are resolved from.
 * @property {string[]} [boundaries] Globs of files whose dynamic import is a boundary.
 * @property {string[]} [ignore] Globs of files that are never hot (Node loads them).
 * @property {string[]} [restart] Globs of files whose change asks for a full reload; [".env"] by default.
 * @property {boolean} [watch] False: the parent sends file changes over IPC; the runtime watches nothing.
 * @property {boolean} [throwWhenBoundariesAreNotDynamicallyImported]
 * @property {() => void} [onFullReloadAsked]
 */

/**
 * The `hotHook` key of the package.json above `directory`, with `root` made absolute and
 * `rootDirectory` set to the package.json's folder. A package.json that cannot be read or parsed
 * gives {} here: the runtime reports it with its line when it reads the boundaries.
 * @returns {HotHookOptions}
 */
export function packageOptions(directory = process.cwd()) {
  const folder = projectRootAbove(directory);
  if (!folder) return {};
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  } catch {
    return { rootDirectory: folder };
  }
  const options = { rootDirectory: folder };
  const config = manifest?.hotHook;
  if (config && typeof config === "object") {
    for (const key of KEYS) if (config[key] !== undefined) options[key] = config[key];
    if (typeof options.root === "string") options.root = resolve(folder, options.root);
  }
  return options;
}

/**
 * Whether the runtime watches files itself: hot.init's or package.json's `watch`, else the
 * environment's HOT_HOOK_WATCH (the AdonisJS dev server sets "false"), else true.
 */
export function watchesItself(options, env = process.env) {
  if (typeof options.watch === "boolean") return options.watch;
  if (env.HOT_HOOK_WATCH !== undefined) return env.HOT_HOOK_WATCH !== "false";
  return true;
}

/** The folder globs are resolved from. */
export function rootDirectoryOf(options) {
  if (options.rootDirectory) return resolve(options.rootDirectory);
  if (options.root) return dirname(toPath(options.root));
  return process.cwd();
}

/** `root` as a path (hot-hook users pass `import.meta.filename`, some pass a URL). */
export function toPath(root) {
  if (typeof root !== "string") return null;
  // A URL's path is escaped (`%20`) and on Windows starts with `/C:/`.
  if (root.startsWith("file:")) return fileURLToPath(root);
  return isAbsolute(root) ? root : resolve(root);
}

/**
 * One matcher over absolute paths for `globs` resolved from `folder`, or null for none. As
 * hot-hook's picomatch does on Windows, `\` in globs and paths is a separator there; `path`
 * is node:path's win32 or posix (tests pass either).
 */
export function globMatcher(folder, globs, name, path = nodePath) {
  if (globs === undefined || globs === null) return null;
  if (!Array.isArray(globs) || !globs.every((glob) => typeof glob === "string" && glob !== "")) {
    throw new TypeError(`hot-hook: ${name} must be an array of glob strings, got ${JSON.stringify(globs)}`);
  }
  if (globs.length === 0) return null;
  const slashed = (text) => (path.sep === "/" ? text : text.split(path.sep).join("/"));
  // An absolute glob starts at its own root (`/` or `C:/`), a relative one at the folder.
  const expressions = globs.map((glob) => globToRegExp(path.isAbsolute(glob) ? "" : slashed(folder), slashed(glob)));
  return (file) => expressions.some((expression) => expression.test(slashed(file)));
}

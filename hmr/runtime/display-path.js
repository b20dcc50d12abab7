// Paths in `[hot]` lines are shown relative to the project root (the nearest directory with a
// package.json above the entry), so they read the same wherever the app was started from; a
// file outside the project keeps its absolute path. The protocol's paths stay absolute.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** The nearest directory at or above `directory` holding a package.json, or null. */
export function projectRootAbove(directory) {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, "package.json"))) return current;
    if (dirname(current) === current) return null;
  }
}

/** `path` relative to `root` when it lies inside it, else `path` itself. */
export function pathForDisplay(root, path) {
  if (!root || typeof path !== "string" || !isAbsolute(path)) return path;
  const inside = relative(root, path);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return path;
  return inside;
}

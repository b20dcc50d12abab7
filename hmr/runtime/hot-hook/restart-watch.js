// Watches hot-hook's `restart` files (".env" by default) when the runtime watches files itself:
// they are usually imported by nothing, so the runtime's own watcher never sees them. One
// watcher per folder a glob starts from (recursive only when the glob spans folders); a save's
// burst of events counts once when it has settled and changed the file (modification time, size).
import { statSync, watch } from "node:fs";
import { isAbsolute, join, posix } from "node:path";

const SETTLE_MS = 50;

/**
 * Calls `onChange(path)` when a file matching `matches` changes under the folders `globs`
 * (resolved from `folder`) name. Returns a function that stops watching.
 */
export function watchRestartFiles(folder, globs, matches, onChange) {
  const watchers = [];
  const stamps = new Map();
  const timers = new Map();
  const folders = new Map();
  for (const glob of globs) {
    const { base, recursive } = staticBase(glob);
    const directory = isAbsolute(base) ? base : join(folder, base);
    folders.set(directory, folders.get(directory) === true || recursive);
  }
  for (const [directory, recursive] of folders) {
    if (statSync(directory, { throwIfNoEntry: false })?.isDirectory() !== true) continue;
    try {
      const watcher = watch(directory, { persistent: false, recursive }, (_event, filename) => {
        if (!filename) return;
        const path = join(directory, filename.toString());
        if (!matches(path)) return;
        // A save truncates, then writes: the burst settles before the change counts once.
        clearTimeout(timers.get(path));
        timers.set(
          path,
          setTimeout(() => {
            timers.delete(path);
            const stat = statSync(path, { throwIfNoEntry: false });
            const stamp = stat ? `${stat.mtimeMs}:${stat.size}` : "gone";
            if (stamps.get(path) === stamp) return;
            stamps.set(path, stamp);
            onChange(path);
          }, SETTLE_MS).unref(),
        );
      });
      watcher.on("error", () => {});
      watchers.push(watcher);
    } catch {
      // A folder that cannot be watched (permissions, too many watchers): the parent may still
      // send the change.
    }
  }
  return () => {
    for (const watcher of watchers) watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

/** The folder part of a glob before its first wildcard, and whether the rest spans folders. */
function staticBase(glob) {
  const segments = posix.normalize(glob.replace(/^\.\//, "")).split("/");
  const fixed = [];
  for (const segment of segments.slice(0, -1)) {
    if (segment.includes("*")) break;
    fixed.push(segment);
  }
  const rest = segments.slice(fixed.length);
  return { base: fixed.join("/") || ".", recursive: rest.length > 1 };
}

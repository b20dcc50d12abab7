// Without a driver the runtime watches the files it loaded itself. It watches directories (one
// watcher each, not one per file), compares modification time and size so that a bare `touch`
// counts, and coalesces the events of one save into one update after a couple of milliseconds.
// While an update is pending (it failed), a change to any other source file in a watched
// directory retries it: that may be the missing file created or the broken new file fixed.
import { readFileSync, statSync, watch } from "node:fs";
import { dirname, join } from "node:path";
import { isDirectory } from "./resolve.js";

const COALESCE_MS = 2;
const SOURCE_FILE = /\.(?:[mc]?[jt]sx?|json)$/;

/** Modification time and size of a file, or null when it is gone. */
function fileStamp(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? { key: `${stat.mtimeMs}:${stat.size}`, mtimeMs: stat.mtimeMs } : null;
}

function contentDiffers(record) {
  try {
    return readFileSync(record.path, "utf8") !== record.current.compiled.source;
  } catch {
    return false;
  }
}

/**
 * Starts watching every loaded file and every file loaded later. Returns a stop function.
 * @param {import("./runtime.js").Runtime} runtime
 */
export function watchLoadedFiles(runtime) {
  const watchers = new Map();
  const changed = new Set();
  let timer = null;
  let firstSeen = 0;

  let retry = false;
  /** The last stamp seen of each file only hotswap/node-hmr loads (cjs/engine.js's `external`). */
  const externalStamps = new Map();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (changed.size === 0 && !retry) return;
    retry = false;
    const paths = [...changed];
    changed.clear();
    const startedAt = firstSeen;
    firstSeen = 0;
    runtime.updates.request({ paths, origin: "watch", startedAt });
  };

  const onEvent = (directory, filename) => {
    if (!filename) return;
    const path = join(directory, filename.toString());
    const record = runtime.records.get(path);
    if (path === runtime.boundaryGlobs?.path) {
      // package.json's hotHook.boundaries: the update reads it again before its walk.
      changed.add(path);
    } else if (!record?.current && runtime.nodeLoaded.has(path)) {
      // A file Node loaded itself (CommonJS): the update says that it needs a restart.
      if (!runtime.nodeLoaded.changedOnDisk(path)) return;
      changed.add(path);
    } else if (!record?.current && runtime.cjs?.external.has(path)) {
      // A file hotswap/node-hmr reloads itself, loaded outside Node's loader (through jiti, say).
      const stamp = fileStamp(path);
      if (stamp === null || stamp.key === externalStamps.get(path)) return;
      externalStamps.set(path, stamp.key);
      changed.add(path);
    } else if (!record?.current) {
      if (runtime.pendingPaths.size === 0 || !(SOURCE_FILE.test(path) || isDirectory(path))) return;
      retry = true;
    } else {
      const stamp = fileStamp(path);
      if (stamp === null) return;
      // Changed: a new modification time or size (a bare `touch` counts), or, since the kernel's
      // file times are coarse (a few ms), a new text behind an unchanged stamp. A pending file
      // (its last version failed) was last read with other text than the running version's:
      // a write within the same tick that puts the running text back is a change too.
      const touched = record.stamp === "" ? stamp.mtimeMs > record.readAt : stamp.key !== record.stamp;
      if (!touched && !runtime.pendingPaths.has(path) && !contentDiffers(record)) return;
      record.stamp = stamp.key;
      changed.add(path);
    }
    schedule();
  };

  const schedule = () => {
    if (firstSeen === 0) firstSeen = performance.now();
    if (timer) clearTimeout(timer);
    // libuv runs timers before it polls for I/O; flushing from setImmediate lets the events
    // already waiting in the kernel (the rest of the burst) arrive first.
    timer = setTimeout(() => setImmediate(flush), COALESCE_MS);
  };

  // Watches the directory of `path`, or its nearest existing ancestor when it does not exist
  // yet. With retryIfNew, a directory newly watched retries the pending update once, in case
  // the awaited file appeared before the watcher did.
  const follow = (path, { retryIfNew = false } = {}) => {
    let directory = dirname(path);
    // Most files share a directory already watched: no stat for them (thousands at start-up).
    if (watchers.has(directory)) return;
    while (!isDirectory(directory) && dirname(directory) !== directory) directory = dirname(directory);
    if (watchers.has(directory)) return;
    try {
      const watcher = watch(directory, { persistent: false }, (_event, filename) => onEvent(directory, filename));
      watcher.on("error", () => watchers.delete(directory));
      watchers.set(directory, watcher);
    } catch (error) {
      runtime.messages.warn(`Cannot watch ${directory}: ${error.message}`);
      return;
    }
    if (retryIfNew && runtime.pendingPaths.size > 0) {
      retry = true;
      schedule();
    }
  };

  for (const path of runtime.records.keys()) follow(path);
  runtime.watchFile = follow;
  return () => {
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    if (timer) clearTimeout(timer);
  };
}

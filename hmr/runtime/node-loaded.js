// App files Node loads itself (ES modules reached through require(), or CommonJS files outside
// cjs/engine.js's graph) are not hot: the runtime never sees their code. An edit to one must not
// be lost silently, so it ends as an unaccepted update: the supervisor restarts the app, and
// without one a `[hot]` line says that a restart is needed. (The app's CommonJS files are noted
// here too, so that the watcher follows them; cjs/update.js takes their edits first.)
import { statSync } from "node:fs";

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const SOURCE_FILE = /\.(?:[mc]?[jt]sx?|json)$/;

/** The app's source files that Node loaded itself, with how (for the `[hot]` line). */
export class NodeLoadedFiles {
  /** path -> { why, stamp } */
  #files = new Map();

  /**
   * Notes that Node loads `path` itself; `why` completes "… is …", e.g. "CommonJS". Returns
   * true when the file is an app source file noted for the first time.
   */
  note(path, why) {
    if (this.#files.has(path) || NODE_MODULES.test(path) || !SOURCE_FILE.test(path)) return false;
    // No stat here (thousands of files at start-up): the first event on the file counts.
    this.#files.set(path, { why, stamp: "" });
    return true;
  }

  has(path) {
    return this.#files.has(path);
  }

  /** Whether the file changed since it was noted or last reported (a save fires several events). */
  changedOnDisk(path) {
    const file = this.#files.get(path);
    const stat = file ? statSync(path, { throwIfNoEntry: false }) : null;
    if (!stat) return false;
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const changed = stamp !== file.stamp;
    file.stamp = stamp;
    return changed;
  }

  /**
   * The outcome of an update whose changed `paths` include files Node loaded itself, or null.
   * Tells it like any restart: a `[hot]` warning, the driver's `restart` and `updated`.
   * @returns {import("./update-result.js").UpdateResult | null}
   */
  restartFor(runtime, request) {
    const path = [...request.paths].find((changed) => this.#files.has(changed));
    if (path === undefined) return null;
    const supervised = runtime.driver !== null;
    const message = `${runtime.displayPath(path)} is ${this.#files.get(path).why}, which Node loads itself: an edit to it is not hot. ${supervised ? "Asking the supervisor to restart." : "A restart is needed."}`;
    runtime.messages.warn(message);
    runtime.driver?.notify("restart", { reason: "unaccepted", message, chain: [path] });
    /** @type {import("./update-result.js").UpdateResult} */
    const result = {
      type: "unaccepted",
      paths: [...request.paths],
      durationMs: Math.round((performance.now() - request.startedAt) * 1000) / 1000,
      ignored: [],
      chain: [path],
    };
    if (supervised && !request.origins.has("driver")) runtime.driver.notify("updated", result);
    return result;
  }
}

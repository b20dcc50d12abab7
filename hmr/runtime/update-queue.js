// Updates run one at a time. Requests that arrive while one runs wait and are merged into one.
import { runUpdate } from "./update.js";
import { promiseWithResolvers } from "./primordials.js";

/** Serialises update requests; each request's promise gets its UpdateResult. */
export class UpdateQueue {
  constructor(runtime) {
    this.runtime = runtime;
    this.waiting = null;
    this.running = false;
    /** Called with (result, request) after every update, e.g. hot-hook's parent protocol. */
    this.listeners = new Set();
  }

  /**
   * Queues { paths, invalidated?, rerun?, origin, startedAt? }: `invalidated` records give up
   * their self-accept for this update, `rerun` records are evaluated again as if changed. Resolves with the UpdateResult of the
   * update that applied it (possibly merged with others).
   */
  request(request) {
    const startedAt = request.startedAt ?? performance.now();
    if (!this.waiting) {
      this.waiting = { paths: new Set(), invalidated: new Set(), rerun: new Set(), origins: new Set(), startedAt };
      this.waiting.done = promiseWithResolvers();
    }
    const waiting = this.waiting;
    for (const path of request.paths) waiting.paths.add(path);
    for (const record of request.invalidated ?? []) waiting.invalidated.add(record);
    for (const record of request.rerun ?? []) waiting.rerun.add(record);
    waiting.origins.add(request.origin);
    waiting.startedAt = Math.min(waiting.startedAt, startedAt);
    if (!this.running) queueMicrotask(() => this.drain());
    return waiting.done.promise;
  }

  async drain() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting) {
        const next = this.waiting;
        this.waiting = null;
        let result;
        try {
          // App CommonJS modules first (cjs/update.js), then what Node loaded itself, then ES modules.
          result =
            (await this.runtime.cjs?.update(next)) ??
            this.runtime.nodeLoaded.restartFor(this.runtime, next) ??
            (await runUpdate(this.runtime, next));
        } catch (error) {
          // runUpdate turns every app failure into a result; this is a bug in the runtime.
          this.runtime.messages.error(`Internal error while updating: ${error.stack ?? error}`);
          result = { type: "evaluationError", paths: [...next.paths], durationMs: 0, ignored: [],
            phase: "evaluate", error: { message: String(error?.message ?? error), file: "", line: 0, column: 0 } };
        }
        for (const refresh of this.runtime.stubRefreshers) refresh();
        for (const listener of this.listeners) {
          try {
            listener(result, next);
          } catch (error) {
            this.runtime.messages.error(`Internal error after an update: ${error.stack ?? error}`);
          }
        }
        next.done.resolve(result);
      }
    } finally {
      this.running = false;
    }
  }
}

// The update log's entries for each kind of outcome.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { HotswapEvent } from "../../src/events.ts";
import { entryOf, UpdateLog } from "../../src/updateEntries.ts";

const base = { folder: "file:///app", time: "2026-11-21T09:00:00Z", text: "" };

test("a hot update lists files, loaded and re-evaluated modules and its duration", () => {
  const entry = entryOf(
    {
      ...base,
      kind: "update",
      update: { type: "success", paths: ["/app/greeting.js"], durationMs: 3, ignored: [], loaded: ["/app/new.js"], reevaluated: ["/app/greeting.js", "/app/server.js"] },
    },
    1,
  );
  assert.deepEqual(
    { outcome: entry?.outcome, failed: entry?.failed, files: entry?.files, loaded: entry?.loaded, reevaluated: entry?.reevaluated, ms: entry?.durationMs },
    { outcome: "hot", failed: false, files: ["/app/greeting.js"], loaded: ["/app/new.js"], reevaluated: ["/app/greeting.js", "/app/server.js"], ms: 3 },
  );
});

test("a failed update keeps its error location for a click to open", () => {
  const error = { message: "boom", file: "/app/greeting.js", line: 4, column: 9 };
  const entry = entryOf({ ...base, kind: "update", update: { type: "evaluationError", phase: "evaluate", paths: ["/app/greeting.js"], durationMs: 2, ignored: [], error } }, 2);
  assert.equal(entry?.outcome, "evaluation error (evaluate)");
  assert.equal(entry?.failed, true);
  assert.deepEqual(entry?.error, error);
});

test("restarts carry their chain and crashes their exit", () => {
  const restart = entryOf(
    { ...base, kind: "restart", restart: { reason: "unaccepted", chain: ["/app/db.js", "/app/main.js"], paths: ["/app/db.js"], durationMs: 90, ready: true } },
    3,
  );
  assert.deepEqual([restart?.outcome, restart?.chain, restart?.files], ["restart (unaccepted)", ["/app/db.js", "/app/main.js"], ["/app/db.js"]]);
  const crash = entryOf({ ...base, kind: "crash", exit: { code: 137, signal: "SIGKILL", beforeReady: false, uptimeMs: 900 } }, 4);
  assert.deepEqual([crash?.outcome, crash?.failed], ["crash (SIGKILL)", true]);
  assert.equal(entryOf({ ...base, kind: "log", log: { level: "info", message: "x" } }, 5), undefined);
});

test("the log keeps the newest entries first, up to its limit", () => {
  const log = new UpdateLog(2);
  for (const ms of [1, 2, 3]) {
    log.add({ ...base, kind: "update", update: { type: "success", paths: [`/app/${ms}.js`], durationMs: ms, ignored: [], loaded: [], reevaluated: [] } });
  }
  log.add({ ...base, kind: "status", state: "running", graph: "live", entry: "" });
  assert.deepEqual(log.list().map((entry) => entry.durationMs), [3, 2]);
  assert.deepEqual(log.list().map((entry) => entry.id), [3, 2]);
});

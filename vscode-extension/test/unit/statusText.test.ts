// The status item's text through a whole app life: start, ready, hot update, restart, crash.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { HotswapEvent } from "../../src/events.ts";
import { formatMs, idleView, nextView } from "../../src/statusText.ts";

const base = { folder: "file:///app", time: "2026-11-21T09:00:00Z", text: "" };
const run = (events: HotswapEvent[]) => events.reduce(nextView, idleView);

test("durations read as the status item shows them", () => {
  assert.equal(formatMs(3.2), "3 ms");
  assert.equal(formatMs(0.4), "<1 ms");
  assert.equal(formatMs(1520.6), "1521 ms");
});

test("idle, starting, running, then a hot update of 3 ms that a later status keeps", () => {
  assert.equal(idleView.text, "idle");
  const starting = run([{ ...base, kind: "status", state: "starting", graph: "static", entry: "server.js" }]);
  assert.equal(starting.text, "starting");
  assert.equal(starting.busy, true);
  const ready: HotswapEvent = {
    ...base,
    kind: "ready",
    ready: { pid: 1, node: "v26.10.0", entry: "/app/server.js", modules: 2, durationMs: 40 },
  };
  const running = run([{ ...base, kind: "start", pid: 1 }, ready, { ...base, kind: "status", state: "running", graph: "live", entry: "server.js" }]);
  assert.equal(running.text, "running");
  assert.match(running.detail, /2 modules/);
  const update: HotswapEvent = {
    ...base,
    kind: "update",
    update: { type: "success", paths: ["/app/greeting.js"], durationMs: 3.4, ignored: [], loaded: [], reevaluated: ["/app/server.js"] },
  };
  const hot = run([ready, update, { ...base, kind: "status", state: "running", graph: "live", entry: "server.js" }]);
  assert.equal(hot.text, "hot update 3 ms");
  assert.equal(hot.severity, "information");
});

test("an unaccepted update shows restarting, then the restart's duration", () => {
  const unaccepted: HotswapEvent = {
    ...base,
    kind: "update",
    update: { type: "unaccepted", paths: ["/app/db.js"], durationMs: 2, ignored: [], chain: ["/app/db.js", "/app/main.js"] },
  };
  const restarting = run([unaccepted]);
  assert.equal(restarting.text, "restarting");
  assert.equal(restarting.busy, true);
  const restarted = run([unaccepted, { ...base, kind: "restart", restart: { reason: "unaccepted", durationMs: 120, ready: true } }]);
  assert.equal(restarted.text, "restarted 120 ms");
});

test("a crash is an error until the app runs again; a failed update is a warning", () => {
  const crashed = run([{ ...base, kind: "crash", text: "app exited with code 1", exit: { code: 1, beforeReady: false, uptimeMs: 10 } }]);
  assert.deepEqual([crashed.text, crashed.severity, crashed.detail], ["crashed", "error", "app exited with code 1"]);
  const again = nextView(crashed, { ...base, kind: "status", state: "running", graph: "live", entry: "server.js" });
  assert.equal(again.text, "running");
  const failed = run([
    {
      ...base,
      kind: "update",
      update: { type: "syntaxError", paths: ["/app/a.js"], durationMs: 1, ignored: [], error: { message: "Unexpected token", file: "/app/a.js", line: 3, column: 7 } },
    },
  ]);
  assert.deepEqual([failed.text, failed.severity], ["update failed", "warning"]);
  assert.match(failed.detail, /\/app\/a\.js:3:7/);
});

test("stopping returns to idle; log lines change nothing", () => {
  const view = run([
    { ...base, kind: "status", state: "running", graph: "live", entry: "server.js" },
    { ...base, kind: "log", log: { level: "info", message: "[hot] x" } },
  ]);
  assert.equal(view.text, "running");
  assert.equal(run([{ ...base, kind: "exit", exit: { code: 0, beforeReady: false, uptimeMs: 5 } }]).text, "idle");
});

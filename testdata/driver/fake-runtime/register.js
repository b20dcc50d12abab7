// A stand-in for hmr/runtime that speaks the control channel of hmr/PROTOCOL.md, so that the
// Go driver's process handling can be tested on its own. It applies nothing: an update's
// result is chosen by a marker in the changed file ("fake:unaccepted", "fake:declined",
// "fake:syntax", "fake:restart-notification", "fake:stale-graph"); anything else is a success.
// "fake:garbage" also sends a line that is not JSON first.
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const socketPath = process.env.HOTSWAP_SOCKET;
const started = performance.now();
const disposers = [];
globalThis.__fakeHotswapDispose = (handler) => disposers.push(handler);

if (socketPath) {
  const socket = connect(socketPath);
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  // The channel must not keep the app alive on its own.
  socket.unref();
  const send = (message) => socket.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
  const lines = createInterface({ input: socket });
  lines.on("line", async (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: "parse error" } });
      return;
    }
    if (message.method === "update") {
      send({ id: message.id, result: resultFor(message.params.paths) });
    } else if (message.method === "shutdown") {
      for (const dispose of disposers) await dispose();
      send({ id: message.id, result: {} });
      socket.end(() => process.exit(0));
    } else if (message.method === "graph") {
      send({ id: message.id, result: { entry: process.argv[1], modules: [] } });
    } else if (message.id !== undefined) {
      send({ id: message.id, error: { code: -32601, message: `method not found: ${message.method}` } });
    }
  });

  function resultFor(paths) {
    const base = { paths, durationMs: 1, ignored: [] };
    const text = paths.map((path) => readFileSync(path, "utf8")).join("\n");
    if (text.includes("fake:restart-notification")) {
      send({ method: "restart", params: { reason: "disposeError", message: "a dispose handler threw" } });
      return { type: "evaluationError", ...base, phase: "dispose", error: { message: "boom", file: paths[0], line: 1, column: 1 } };
    }
    if (text.includes("fake:garbage")) socket.write("this is not json\n");
    if (text.includes("fake:stale-graph")) {
      // A newer graph in a notification written before an older one in the result: the order
      // in which a driver's reader and its caller see them is not fixed.
      const graph = (path) => ({ entry: process.argv[1], modules: [{ path, version: 1, format: "module", selfAccept: false, declined: false, accepts: [], hasDispose: false, hasPrune: false, imports: [], importers: [] }] });
      send({ method: "updated", params: { type: "success", paths: [], durationMs: 1, ignored: [], graphVersion: 3, graph: graph("/newer.js"), loaded: [], reevaluated: [] } });
      return { type: "success", ...base, graphVersion: 2, graph: graph("/older.js"), loaded: [], reevaluated: paths };
    }
    if (text.includes("fake:unaccepted")) return { type: "unaccepted", ...base, chain: [paths[0], process.argv[1]] };
    if (text.includes("fake:declined")) return { type: "declined", ...base, declined: paths[0], chain: [paths[0]] };
    if (text.includes("fake:syntax")) {
      return { type: "syntaxError", ...base, error: { message: "Unexpected token", file: paths[0], line: 2, column: 5 } };
    }
    send({ method: "log", params: { level: "info", message: "Loaded 0 new modules, reevaluated 1 existing module in 1ms." } });
    return { type: "success", ...base, loaded: [], reevaluated: paths };
  }

  // Ready once the entry has evaluated, as the real runtime does.
  setImmediate(async () => {
    send({
      method: "ready",
      params: { pid: process.pid, node: process.version, entry: process.argv[1], modules: 1, durationMs: performance.now() - started },
    });
  });
}

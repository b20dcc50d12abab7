// The control channel of PROTOCOL.md: newline-delimited JSON-RPC 2.0 over the Unix socket named
// by HOTSWAP_SOCKET. Requests: update, graph, shutdown. Notifications: ready, updated, restart,
// log.
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { isAbsolute } from "node:path";
import { graphReporter } from "./graph-report.js";
import { STOP_SIGNALS, handOverStop, shutdown } from "./shutdown.js";
import { SafePromise, promiseThen } from "./primordials.js";

const CONNECT_TIMEOUT_MS = 2000;
const FLUSH_TIMEOUT_MS = 500;

/** JSON-RPC error codes. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;

class InvalidParams extends Error {}

/**
 * Connects to the driver; resolves with the driver handle, rejects when it cannot connect.
 * @param {import("./runtime.js").Runtime} runtime
 */
export async function connectDriver(runtime, socketPath) {
  const socket = connect(socketPath);
  await new SafePromise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${CONNECT_TIMEOUT_MS}ms`)), CONNECT_TIMEOUT_MS);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  socket.unref();
  socket.on("error", () => {});
  const send = (message) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
  };
  const graphs = graphReporter(runtime);
  const driver = {
    // An `updated` result carries the graph's version (and the graph when new) like a
    // requested one.
    notify: (method, params) => send({ jsonrpc: "2.0", method, params: method === "updated" ? graphs.withGraph(params) : params }),
    send,
    graphs,
    close: () => socket.end(),
    /**
     * Sends what is queued and closes; resolves within FLUSH_TIMEOUT_MS either way.
     * @returns {Promise<void>}
     */
    flush: () =>
      new SafePromise((resolve) => {
        setTimeout(resolve, FLUSH_TIMEOUT_MS).unref();
        if (socket.destroyed) resolve();
        else socket.end(resolve);
      }),
  };
  runtime.driver = driver;
  runtime.messages.sinks.add((level, message) => driver.notify("log", { level, message }));
  const lines = createInterface({ input: socket, crlfDelay: Infinity });
  lines.on("line", (line) => {
    promiseThen(handleLine(runtime, driver, line), undefined, (error) => {
      runtime.messages.error(`Control channel: ${error?.stack ?? error}`);
    });
  });
  return driver;
}

async function handleLine(runtime, driver, line) {
  if (line.trim() === "") return;
  let message;
  try {
    message = JSON.parse(line);
  } catch (error) {
    driver.send(errorResponse(null, PARSE_ERROR, `Parse error: ${error.message}`));
    return;
  }
  const id = isValidId(message?.id) ? message.id : null;
  if (message === null || typeof message !== "object" || Array.isArray(message) || message.jsonrpc !== "2.0") {
    driver.send(errorResponse(id, INVALID_REQUEST, "Invalid Request: expected a JSON-RPC 2.0 object"));
    return;
  }
  if (typeof message.method !== "string") {
    // Responses from the driver to our notifications carry no method; nothing to do.
    if ("result" in message || "error" in message) return;
    driver.send(errorResponse(id, INVALID_REQUEST, "Invalid Request: method must be a string"));
    return;
  }
  const isNotification = !("id" in message);
  try {
    const result = await dispatch(runtime, driver, message.method, message.params ?? {});
    if (result === undefined) {
      if (!isNotification) driver.send(errorResponse(id, METHOD_NOT_FOUND, `Method not found: ${message.method}`));
      return;
    }
    // The graph is added as the result is written, not when the update ended: an `updated`
    // notification sent in between must not carry a newer graph than this result.
    if (!isNotification) driver.send({ jsonrpc: "2.0", id, result: result.withGraph ? driver.graphs.withGraph(result.value) : result.value });
    result.after?.();
  } catch (error) {
    if (!(error instanceof InvalidParams)) throw error;
    if (!isNotification) driver.send(errorResponse(id, INVALID_PARAMS, `Invalid params: ${error.message}`));
  }
}

async function dispatch(runtime, driver, method, params) {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new InvalidParams("params must be an object");
  }
  switch (method) {
    case "update": {
      const paths = params.paths;
      if (!Array.isArray(paths) || !paths.every((path) => typeof path === "string" && isAbsolute(path))) {
        throw new InvalidParams("paths must be an array of absolute file paths");
      }
      return { value: await runtime.updates.request({ paths, origin: "driver" }), withGraph: true };
    }
    case "graph":
      return { value: driver.graphs.graph() };
    case "shutdown": {
      const timeoutMs = params.timeoutMs;
      if (timeoutMs !== undefined && (typeof timeoutMs !== "number" || !(timeoutMs >= 0))) {
        throw new InvalidParams("timeoutMs must be a non-negative number");
      }
      const signal = params.signal ?? "SIGTERM";
      if (!STOP_SIGNALS.has(signal)) throw new InvalidParams('signal must be "SIGTERM" or "SIGINT"');
      await shutdown(runtime, timeoutMs ?? 5000);
      return { value: {}, after: () => setImmediate(() => handOverStop(signal)) };
    }
    default:
      return undefined;
  }
}

function isValidId(id) {
  return typeof id === "string" || typeof id === "number";
}

function errorResponse(id, code, message) {
  return { jsonrpc: "2.0", id, error: { code, message } };
}

// A test driver for the control channel: a Unix socket server in a private directory, speaking
// newline-delimited JSON-RPC 2.0 with the runtime of one app.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO_ROOT } from "./harness.js";

const TIMEOUT_MS = 8000;

/** Reads a fixture of testdata/protocol. */
export function fixture(name) {
  return JSON.parse(readFileSync(join(REPO_ROOT, "testdata/protocol", name), "utf8"));
}

/** Listens on a fresh socket; `socketPath` goes into the app's HOTSWAP_SOCKET. */
export async function createDriver() {
  const dir = mkdtempSync(join(tmpdir(), "hotswap-driver-"));
  chmodSync(dir, 0o700);
  const socketPath = join(dir, "control.sock");
  const driver = new Driver(dir, socketPath);
  await new Promise((resolve) => driver.server.listen(socketPath, resolve));
  return driver;
}

class Driver {
  constructor(dir, socketPath) {
    this.dir = dir;
    this.socketPath = socketPath;
    this.messages = [];
    this.cursor = 0;
    this.waiters = new Set();
    this.nextId = 1;
    this.connected = new Promise((resolve) => {
      this.server = createServer((socket) => {
        this.socket = socket;
        createInterface({ input: socket }).on("line", (line) => {
          this.messages.push(JSON.parse(line));
          for (const waiter of this.waiters) waiter();
        });
        resolve();
      });
    });
  }

  /** Writes a raw line (for malformed input tests). */
  sendLine(line) {
    this.socket.write(`${line}\n`);
  }

  /** Sends a request and waits for its response. */
  async request(method, params) {
    const id = this.nextId++;
    this.sendLine(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    return this.wait((message) => message.id === id && !("method" in message), `response ${id}`, true);
  }

  /** Waits for the next notification `method` after the last one waited for. */
  notification(method) {
    return this.wait((message) => message.method === method, `notification ${method}`);
  }

  /** Waits for a message matching `predicate`; `anywhere` ignores the cursor. */
  wait(predicate, what, anywhere = false) {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let index = anywhere ? 0 : this.cursor; index < this.messages.length; index += 1) {
          if (!predicate(this.messages[index])) continue;
          if (!anywhere) this.cursor = index + 1;
          finish();
          resolve(this.messages[index]);
          return;
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}; got:\n${this.messages.map((m) => JSON.stringify(m)).join("\n")}`));
      }, TIMEOUT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  close() {
    this.socket?.destroy();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Asserts that `actual` has exactly the keys and value types of `expected` (a fixture), all the
 * way down. Each element of an array must have the shape of one of the fixture's elements.
 */
export function assertSameShape(actual, expected, where = "message") {
  const kind = (value) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
  if (kind(actual) !== kind(expected)) {
    throw new Error(`${where}: expected ${kind(expected)}, got ${kind(actual)} (${JSON.stringify(actual)})`);
  }
  if (Array.isArray(expected)) {
    if (expected.length === 0) return;
    actual.forEach((element, index) => {
      const errors = [];
      for (const candidate of expected) {
        try {
          assertSameShape(element, candidate, `${where}[${index}]`);
          return;
        } catch (error) {
          errors.push(error.message);
        }
      }
      throw new Error(errors.join("\n"));
    });
    return;
  }
  if (kind(expected) !== "object") return;
  const actualKeys = Object.keys(actual).sort().join(",");
  const expectedKeys = Object.keys(expected).sort().join(",");
  if (actualKeys !== expectedKeys) {
    throw new Error(`${where}: keys ${actualKeys} differ from the fixture's ${expectedKeys}`);
  }
  for (const key of Object.keys(expected)) assertSameShape(actual[key], expected[key], `${where}.${key}`);
}

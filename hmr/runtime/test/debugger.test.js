// A real debugger client: the test speaks the Chrome DevTools Protocol over a WebSocket to node
// started with --inspect, resolves an original TypeScript line to a generated position through
// the script's inline source map (as VS Code's and Chrome's debuggers do), sets a breakpoint
// there and sees the app pause on that line with the source's locals, before and after a hot
// update that moved the line down.
import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, TraceMap, generatedPositionFor, originalPositionFor } from "@jridgewell/trace-mapping";
import { listeningPort, withApp } from "./harness.js";

const server = `
import { createServer } from "node:http";
import { handle } from "./handler.ts";

const server = createServer((req, res) => res.end(handle(new URL(req.url, "http://x").searchParams.get("name") ?? "")));
server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
import.meta.hot?.accept("./handler.ts");
`;

const handler = (padding) => `${padding}interface Greeting { text: string; length: number }
type Name = string;

export function handle(name: Name): string {
  const greeting: Greeting = { text: "hello " + name, length: name.length };
  const shouted: string = greeting.text.toUpperCase();
  if (name === "stop") debugger;
  return shouted + " " + greeting.length;
}
`;

/** The 1-based line of `needle` in `text`. */
function lineOf(text, needle) {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

/** A minimal CDP client over Node's global WebSocket (Node 22+). */
class Cdp {
  static async connect(url) {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    return new Cdp(socket);
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.replies = new Map();
    this.events = [];
    this.waiters = new Set();
    socket.addEventListener("message", ({ data }) => {
      const message = JSON.parse(data);
      if (message.id !== undefined) {
        const reply = this.replies.get(message.id);
        this.replies.delete(message.id);
        if (message.error) reply.reject(new Error(`${reply.method}: ${message.error.message}`));
        else reply.resolve(message.result);
        return;
      }
      this.events.push(message);
      for (const waiter of this.waiters) waiter();
    });
  }

  send(method, params = {}) {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.replies.set(id, { method, resolve, reject }));
  }

  /** Waits for (and consumes) the first event so far or to come that satisfies `match`. */
  event(method, match = () => true, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const index = this.events.findIndex((e) => e.method === method && match(e.params));
        if (index < 0) return;
        const [found] = this.events.splice(index, 1);
        done();
        resolve(found.params);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  close() {
    this.socket.close();
  }
}

/** The decoded inline source map of a parsed script. */
function inlineMap(script) {
  const prefix = "base64,";
  assert.match(script.sourceMapURL, /^data:application\/json/, `${script.url} has no inline source map`);
  const data = script.sourceMapURL.slice(script.sourceMapURL.indexOf(prefix) + prefix.length);
  return new TraceMap(Buffer.from(data, "base64").toString("utf8"));
}

/**
 * Sets a breakpoint on an original line the way a debugger client does: the map's generated
 * position is relative to the script's text, which starts at the script's startLine.
 */
async function breakOnOriginalLine(cdp, script, fileUrl, line) {
  const map = inlineMap(script);
  const generated = generatedPositionFor(map, { source: fileUrl, line, column: 0, bias: LEAST_UPPER_BOUND });
  assert.ok(generated.line !== null, `line ${line} has no generated position`);
  const result = await cdp.send("Debugger.setBreakpointByUrl", {
    url: script.url,
    lineNumber: generated.line - 1 + script.startLine,
    columnNumber: generated.column,
  });
  assert.equal(result.locations.length, 1, `the breakpoint on line ${line} did not bind`);
  return { map, id: result.breakpointId };
}

/** The original { line } of a paused frame, through the script's map. */
function originalLineOf(frame, script, map) {
  const { lineNumber, columnNumber } = frame.location;
  return originalPositionFor(map, { line: lineNumber - script.startLine + 1, column: columnNumber, bias: GREATEST_LOWER_BOUND }).line;
}

/** The local scope's variables of a paused frame, by name. */
async function localsOf(cdp, frame) {
  const local = frame.scopeChain.find((scope) => scope.type === "local");
  const { result } = await cdp.send("Runtime.getProperties", { objectId: local.object.objectId, ownProperties: true });
  return Object.fromEntries(result.map((property) => [property.name, property.value?.value ?? property.value?.type]));
}

function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

test("breakpoints on original TypeScript lines pause there with the source's locals, before and after an update", async () => {
  await withApp(
    { "server.js": server, "handler.ts": handler("") },
    { entry: "server.js", nodeArgs: ["--inspect=127.0.0.1:0"] },
    async (app) => {
      const banner = await app.next("Debugger listening on ", { stream: "stderr" });
      const cdp = await Cdp.connect(banner.slice(banner.indexOf("ws://")).trim());
      try {
        const parsedUrls = [];
        cdp.socket.addEventListener("message", ({ data }) => {
          const message = JSON.parse(data);
          if (message.method === "Debugger.scriptParsed") parsedUrls.push(message.params.url);
        });
        await cdp.send("Runtime.enable");
        await cdp.send("Debugger.enable");
        const port = await listeningPort(app);
        const fileUrl = pathToFileURL(app.path("handler.ts")).href;
        const isHandler = (script) => script.url.startsWith(`${fileUrl}#`);

        // Version 1: the compiled script is named apart from the file and maps to it.
        const first = await cdp.event("Debugger.scriptParsed", isHandler);
        const line = lineOf(handler(""), "const shouted");
        const { map: firstMap, id: firstBreakpoint } = await breakOnOriginalLine(cdp, first, fileUrl, line);
        const answer = get(port, "/?name=ada");
        const paused = await cdp.event("Debugger.paused");
        assert.equal(paused.callFrames[0].location.scriptId, first.scriptId);
        assert.equal(originalLineOf(paused.callFrames[0], first, firstMap), line);
        const locals = await localsOf(cdp, paused.callFrames[0]);
        assert.equal(locals.name, "ada");
        assert.equal(locals.greeting, "object");
        assert.ok("shouted" in locals, JSON.stringify(locals));
        await cdp.send("Debugger.resume");
        assert.equal(await answer, "HELLO ADA 3");

        // An update that moves the line three lines down: a new script with its own map.
        app.write("handler.ts", handler("\n\n\n"));
        const second = await cdp.event("Debugger.scriptParsed", (s) => isHandler(s) && s.scriptId !== first.scriptId);
        assert.notEqual(second.url, first.url);
        await app.next(/^\[hot\] /);
        const moved = lineOf(handler("\n\n\n"), "const shouted");
        assert.equal(moved, line + 3);
        const { map: secondMap, id: secondBreakpoint } = await breakOnOriginalLine(cdp, second, fileUrl, moved);
        const again = get(port, "/?name=grace");
        const pausedAgain = await cdp.event("Debugger.paused");
        // The retired version's breakpoint (still set) does not stop: its code no longer runs.
        assert.equal(pausedAgain.callFrames[0].location.scriptId, second.scriptId);
        assert.deepEqual(pausedAgain.hitBreakpoints.includes(firstBreakpoint), false);
        assert.equal(originalLineOf(pausedAgain.callFrames[0], second, secondMap), moved);
        assert.equal((await localsOf(cdp, pausedAgain.callFrames[0])).name, "grace");
        await cdp.send("Debugger.resume");
        assert.equal(await again, "HELLO GRACE 5");

        // A `debugger;` statement stops on its own original line.
        await cdp.send("Debugger.removeBreakpoint", { breakpointId: firstBreakpoint });
        await cdp.send("Debugger.removeBreakpoint", { breakpointId: secondBreakpoint });
        const stopped = get(port, "/?name=stop");
        const atStatement = await cdp.event("Debugger.paused");
        assert.equal(atStatement.reason, "other");
        assert.equal(originalLineOf(atStatement.callFrames[0], second, secondMap), lineOf(handler("\n\n\n"), "debugger;"));
        await cdp.send("Debugger.resume");
        assert.equal(await stopped, "HELLO STOP 4");
        assert.deepEqual(cdp.events.filter((e) => e.method === "Debugger.paused"), []);
        // No script of the app matches a debugger's by-path pattern for its files (the file's
        // URL followed by the end or "?"), so such breakpoints bind only through the maps.
        const byPath = new RegExp(`${app.path("")}/?(server\\.js|handler\\.ts)($|\\?)`);
        assert.deepEqual(parsedUrls.filter((url) => byPath.test(url)), []);
      } finally {
        cdp.close();
      }
    },
  );
});

test("without the inspector, compiled modules carry no source map and keep their plain URL", async () => {
  await withApp(
    {
      "main.ts": `import inspector from "node:inspector";\nconst session = new inspector.Session();\nsession.connect();\nconst urls: string[] = [];\nsession.on("Debugger.scriptParsed", ({ params }) => { if (params.url.includes("dep.ts")) urls.push(params.url + " " + JSON.stringify(params.sourceMapURL)); });\nsession.post("Debugger.enable", () => { import("./dep.ts").then(() => console.log("> " + urls.join(","))); });\n`,
      "dep.ts": `export const x: number = 1;\n`,
    },
    { entry: "main.ts" },
    async (app) => {
      const line = await app.next(/^> /);
      assert.match(line, /dep\.ts ""$/);
      assert.doesNotMatch(line, /#hot=/);
    },
  );
});

// Under the inspector the versions run under `#hot=<n>` URLs with inline maps; stack traces
// still show the original file, line and column, with or without Node's own source maps.
for (const nodeArgs of [["--inspect=127.0.0.1:0"], ["--inspect=127.0.0.1:0", "--enable-source-maps"]]) {
  test(`stack frames point at the original lines under ${nodeArgs.join(" ")}`, async () => {
    await withApp(
      {
        "main.js": `import { fail } from "./fail.ts";\n\n\ntry {\n  fail();\n} catch (error) {\n  console.log(error.stack.split("\\n").slice(0, 3).join(" | "));\n}\n`,
        "fail.ts": `interface Unused { a: string }\ntype Alias = number;\n\nexport function fail(): never {\n  const n: Alias = 1;\n      throw new Error("where am I " + n);\n}\n`,
      },
      { nodeArgs },
      async (app) => {
        const line = await app.next(/^Error: where am I/);
        assert.match(line, /fail\.ts:6:13\)/, line);
        assert.match(line, /main\.js:5:\d+$/, line);
        assert.doesNotMatch(line, /#hot=/, line);
      },
    );
  });
}

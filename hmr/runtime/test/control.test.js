// The control channel against a real driver socket: every message the runtime sends has exactly
// the shape pinned in testdata/protocol/, malformed input gets JSON-RPC errors, and shutdown runs
// dispose handlers before the process exits with 0.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { assertSameShape, createDriver, fixture } from "./driver.js";
import { startApp } from "./harness.js";

const files = {
  "main.js": `
    import { value } from "./dep.js";
    import "./plain.js";
    import "./uses-legacy.js";
    import "./invalidating.js";
    import "node:http";
    import.meta.hot.accept("./dep.js", () => console.log("> value", value));
    import.meta.hot.accept("./invalidating.js");
    import.meta.hot.dispose(() => console.log("> main disposed"));
    setInterval(() => {}, 1000);
  `,
  "dep.js": "export const value = 1;\n",
  "plain.js": "export const plain = 1;\n",
  "uses-legacy.js": `import "./legacy.js"; import.meta.hot.accept();`,
  "legacy.js": `import.meta.hot.decline();`,
  "invalidating.js": `
    import.meta.hot.accept();
    process.once("SIGUSR2", () => import.meta.hot.invalidate());
  `,
};

test("the runtime speaks PROTOCOL.md with exactly the fixtures' shapes", async () => {
  const driver = await createDriver();
  const app = startApp(files, { env: { HOTSWAP_SOCKET: driver.socketPath } });
  try {
    await driver.connected;
    const ready = await driver.notification("ready");
    assertSameShape(ready, fixture("notification.ready.json"));
    assert.equal(ready.params.entry, app.path("main.js"));
    assert.equal(ready.params.node, process.version);

    // With a driver the runtime does not watch files itself.
    app.write("dep.js", "export const value = 2;\n");
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.ok(!app.output().includes("[hot]"), app.output());

    // A driver that never asked for the graph gets results without it (as `hotswap run`).
    app.write("dep.js", "export const value = 6;\n");
    const unsubscribed = await driver.request("update", { paths: [app.path("dep.js")] });
    assert.equal(unsubscribed.result.type, "success");
    assert.ok(!("graphVersion" in unsubscribed.result) && !("graph" in unsubscribed.result), JSON.stringify(unsubscribed.result));
    assert.equal(await app.next(/^> value/), "> value 6");
    const firstGraph = await driver.request("graph", {});
    assertSameShape(firstGraph, fixture("graph.json"));

    // An edit that adds an import brings the graph along, with a new version.
    app.write("dep.js", 'import "./plain.js";\nexport const value = 2;\n');
    const updateRequest = fixture("request.update.json");
    assertSameShape({ paths: [app.path("dep.js"), app.path("nowhere.js")] }, updateRequest.params);
    const success = await driver.request(updateRequest.method, { paths: [app.path("dep.js"), app.path("nowhere.js")] });
    assertSameShape(success, fixture("update-result.success.json"));
    assert.equal(success.result.type, "success");
    assert.deepEqual(success.result.reevaluated, [app.path("dep.js")]);
    assert.deepEqual(success.result.ignored, [app.path("nowhere.js")]);
    assert.equal(success.result.graphVersion, 2);
    const dep = success.result.graph.modules.find((module) => module.path === app.path("dep.js"));
    assert.deepEqual(dep.imports.map((edge) => edge.path), [app.path("plain.js")]);
    assert.equal(await app.next(/^> value/), "> value 2");
    assertSameShape(await driver.notification("log"), fixture("notification.log.json"));

    app.write("dep.js", "export const value = ;\n");
    const syntax = await driver.request("update", { paths: [app.path("dep.js")] });
    assertSameShape(syntax, fixture("update-result.syntaxError.json"));
    assert.deepEqual([syntax.result.error.file, syntax.result.error.line], [app.path("dep.js"), 1]);

    app.write("dep.js", "export const renamed = 3;\n");
    const link = await driver.request("update", { paths: [app.path("dep.js")] });
    assertSameShape(link, fixture("update-result.linkError.json"));
    assert.equal(link.result.error.file, app.path("main.js"));

    app.write("dep.js", "export const value = 4;\nthrow new Error('evaluation failed');\n");
    const evaluation = await driver.request("update", { paths: [app.path("dep.js")] });
    assertSameShape(evaluation, fixture("update-result.evaluationError.json"));
    assert.deepEqual([evaluation.result.phase, evaluation.result.error.line], ["evaluate", 2]);

    app.write("dep.js", 'import "./plain.js";\nexport const value = 5;\n');
    assert.equal((await driver.request("update", { paths: [app.path("dep.js")] })).result.type, "success");

    const unaccepted = await driver.request("update", { paths: [app.path("plain.js")] });
    assertSameShape(unaccepted, fixture("update-result.unaccepted.json"));
    assert.deepEqual(unaccepted.result.chain, [app.path("plain.js"), app.path("main.js")]);
    const restart = await driver.notification("restart");
    assertSameShape(restart, fixture("notification.restart.json"));
    assert.equal(restart.params.reason, "unaccepted");

    const declined = await driver.request("update", { paths: [app.path("legacy.js")] });
    assertSameShape(declined, fixture("update-result.declined.json"));
    assert.equal(declined.result.declined, app.path("legacy.js"));

    app.child.kill("SIGUSR2");
    const updated = await driver.notification("updated");
    assertSameShape(updated, fixture("notification.updated.json"));
    // The edits since the import was added kept the graph's shape: none brought a graph.
    assert.equal(updated.params.graphVersion, 2);

    // The fixtures' requests, as the Go driver sends them, are what the runtime accepts.
    const graphRequest = fixture("request.graph.json");
    const graph = await driver.request(graphRequest.method, graphRequest.params);
    assertSameShape(graph, fixture("graph.json"));
    const main = graph.result.modules.find((module) => module.path === app.path("main.js"));
    assert.deepEqual(main.accepts, [app.path("dep.js"), app.path("invalidating.js")]);
    assert.ok(main.imports.some((edge) => edge.external === true && edge.path === null));

    driver.sendLine("{ not json");
    assertSameShape(await driver.wait((m) => m.error?.code === -32700, "parse error"), fixture("error.parse-error.json"));
    driver.sendLine(JSON.stringify([1, 2]));
    assertSameShape(await driver.wait((m) => m.error?.code === -32600, "invalid request"), fixture("error.invalid-request.json"));
    driver.sendLine(JSON.stringify({ jsonrpc: "2.0", id: 40, method: "reload", params: {} }));
    assertSameShape(await driver.wait((m) => m.error?.code === -32601, "unknown method"), fixture("error.method-not-found.json"));
    driver.sendLine(JSON.stringify({ jsonrpc: "2.0", id: 41, method: "update", params: { paths: "dep.js" } }));
    assertSameShape(await driver.wait((m) => m.error?.code === -32602, "invalid params"), fixture("error.invalid-params.json"));

    const shutdownRequest = fixture("request.shutdown.json");
    const shutdown = await driver.request(shutdownRequest.method, shutdownRequest.params);
    assertSameShape(shutdown, fixture("shutdown.json"));
    assert.equal((await app.exit).code, 0);
    assert.ok(app.output().includes("> main disposed"), app.output());
  } finally {
    await app.stop();
    driver.close();
  }
});

test("an update result brings the graph when a module registered a handler after it ran, and only then", async () => {
  const driver = await createDriver();
  const app = startApp(
    {
      "main.js": `import "./late.js"; import "./leaf.js"; import.meta.hot.accept("./leaf.js"); setInterval(() => {}, 1000);`,
      "late.js": `setTimeout(() => { import.meta.hot.dispose(() => {}); console.log("> registered"); }, 200);`,
      "leaf.js": "export const n = 1;\n",
    },
    { env: { HOTSWAP_SOCKET: driver.socketPath } },
  );
  try {
    await driver.connected;
    await driver.notification("ready");
    const first = await driver.request("graph", {});
    assert.equal(first.result.modules.find((module) => module.path === app.path("late.js")).hasDispose, false);
    await app.next("> registered");
    app.write("leaf.js", "export const n = 2;\n");
    const registered = await driver.request("update", { paths: [app.path("leaf.js")] });
    assert.equal(registered.result.graphVersion, 2, JSON.stringify(registered.result));
    assert.equal(registered.result.graph.modules.find((module) => module.path === app.path("late.js")).hasDispose, true);
    app.write("leaf.js", "export const n = 3;\n");
    const same = await driver.request("update", { paths: [app.path("leaf.js")] });
    assert.equal(same.result.graphVersion, 2);
    assert.ok(!("graph" in same.result));
  } finally {
    await app.stop();
    driver.close();
  }
});

test("a runtime that cannot reach its driver says so on stderr, even when silent, and watches files itself", async () => {
  const app = startApp(
    { "main.js": `import "./dep.js"; import.meta.hot.accept("./dep.js", () => console.log("> accepted")); setInterval(() => {}, 1000); console.log("> ready");`, "dep.js": "" },
    { env: { HOTSWAP_SOCKET: "/nonexistent/hotswap.sock" }, query: "?silent" },
  );
  try {
    assert.match(await app.next("[hot]"), /Cannot connect to the driver at \/nonexistent\/hotswap\.sock/);
    await app.next("> ready");
    app.write("dep.js", "export const x = 1;");
    await app.next("> accepted");
  } finally {
    await app.stop();
  }
});

test("with a driver, a throwing dispose handler asks for a restart and names the handler's line", async () => {
  const driver = await createDriver();
  const app = startApp(
    {
      "main.js": `import "./dep.js"; setInterval(() => {}, 1000);`,
      "dep.js": `import.meta.hot.accept();\nimport.meta.hot.dispose(() => {\n  throw new Error("stuck");\n});\n`,
    },
    { env: { HOTSWAP_SOCKET: driver.socketPath }, query: "?silent" },
  );
  try {
    await driver.connected;
    await driver.notification("ready");
    const result = await driver.request("update", { paths: [app.path("dep.js")] });
    assert.deepEqual(
      [result.result.type, result.result.phase, result.result.error.file, result.result.error.line],
      ["evaluationError", "dispose", app.path("dep.js"), 3],
    );
    const restart = await driver.notification("restart");
    assertSameShape(restart, { ...fixture("notification.restart.json"), params: { reason: "", message: "" } });
    assert.equal(restart.params.reason, "disposeError");
    assert.ok(!app.output().includes("[hot]"), "silent keeps stderr quiet with a driver too");
  } finally {
    await app.stop();
    driver.close();
  }
});

test("a CommonJS entry, which Node runs itself, still sends ready once it has run", async () => {
  const driver = await createDriver();
  const app = startApp(
    {
      "main.cjs": `
        const { writeFileSync } = require("node:fs");
        import("./hot.js").then(() => console.log("> hot loaded"));
        setInterval(() => {}, 1000);
        writeFileSync(__dirname + "/ran.txt", "the entry ran to its end");
      `,
      "hot.js": "export const hot = 1;\n",
    },
    { entry: "main.cjs", env: { HOTSWAP_SOCKET: driver.socketPath } },
  );
  try {
    const ready = await driver.notification("ready");
    assertSameShape(ready, fixture("notification.ready.json"));
    assert.equal(ready.params.entry, app.path("main.cjs"));
    assert.ok(existsSync(app.path("ran.txt")), "ready came before the entry had run");
    await app.next("> hot loaded");
    const graph = await driver.request("graph", {});
    // The CommonJS entry is in the graph too (SEMANTICS.md section 8), after the ES modules.
    assert.deepEqual(graph.result.modules.map((module) => [module.path, module.format]), [[app.path("hot.js"), "module"], [app.path("main.cjs"), "commonjs"]]);
    assert.equal(graph.result.entry, app.path("main.cjs"));
  } finally {
    await app.stop();
    driver.close();
  }
});

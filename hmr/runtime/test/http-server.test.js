// The README's HTTP server: it self-accepts and hands its server to the next instance through
// dispose/data, so it keeps its port and answers every request across 50 updates.
import assert from "node:assert/strict";
import { test } from "node:test";
import { httpGet, listeningPort, withApp } from "./harness.js";

const server = `
import { createServer } from "node:http";
import { respond } from "./respond.js";

const hot = import.meta.hot;
const server = hot?.data?.server ?? createServer();
const onRequest = (req, res) => res.end(respond());
server.on("request", onRequest);
if (!hot?.data?.server) {
  server.listen(0, "127.0.0.1", () => console.log("> listening", server.address().port));
}
hot?.dispose((data) => {
  server.off("request", onRequest);
  data.server = server;
});
hot?.accept();
`;

test("an HTTP server keeps its port and answers every request across 50 updates", async (t) => {
  await withApp(
    { "server.js": server, "respond.js": `export const respond = () => "version 0";` },
    { entry: "server.js" },
    async (app) => {
      const port = await listeningPort(app);
      let stop = false;
      let answered = 0;
      const failures = [];
      const background = (async () => {
        while (!stop && failures.length < 10) {
          try {
            assert.match(await httpGet(port), /^version \d+$/);
            answered += 1;
          } catch (error) {
            failures.push(error.message);
          }
        }
      })();
      const latencies = [];
      try {
        for (let version = 1; version <= 50; version += 1) {
          const started = performance.now();
          app.write("respond.js", `export const respond = () => "version ${version}";`);
          // Poll rather than count [hot] lines: one save may be seen as one or two updates.
          while ((await httpGet(port)) !== `version ${version}`) {
            assert.ok(performance.now() - started < 8000, `version ${version} never answered\n${app.output()}`);
          }
          latencies.push(performance.now() - started);
        }
      } finally {
        stop = true;
        await background;
      }
      assert.deepEqual(failures, []);
      // The last update's [hot] line comes after its first response: wait for all 50.
      for (let update = 1; update <= 50; update += 1) {
        await app.next(/^\[hot\] Loaded 0 new modules, reevaluated 2 existing modules/);
      }
      assert.ok(!app.lines.some((line) => /^\[hot\] (Syntax|Link|Error|Update not)/.test(line.text)), app.output());
      assert.ok(answered > 50, `only ${answered} background requests were answered`);
      latencies.sort((a, b) => a - b);
      t.diagnostic(`edit-to-response p50 ${latencies[25].toFixed(1)}ms, p90 ${latencies[45].toFixed(1)}ms, ${answered} background requests`);
    },
  );
});

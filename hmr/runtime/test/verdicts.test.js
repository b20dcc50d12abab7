// The runtime acts as the analyser predicts: for every fixture project of testdata/verdicts/,
// an update of each file ends as its verdict says (hot, restart with that chain or that
// declining module, or not in the graph). One app per project, driven over the control channel.
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createDriver } from "./driver.js";
import { createAppDirectory, REPO_ROOT, startApp } from "./harness.js";

const VERDICTS = join(REPO_ROOT, "testdata/verdicts");

for (const project of readdirSync(VERDICTS).sort()) {
  const expected = JSON.parse(readFileSync(join(VERDICTS, project, "verdicts.json"), "utf8"));
  test(`verdicts of ${project}`, async () => {
    const dir = createAppDirectory({});
    cpSync(join(VERDICTS, project), dir, { recursive: true });
    const driver = await createDriver();
    const app = startApp({}, { dir, entry: expected.entry, query: "?silent", env: { HOTSWAP_SOCKET: driver.socketPath } });
    try {
      await driver.connected;
      await driver.notification("ready");
      const { result: graph } = await driver.request("graph", {});
      const modules = new Map(graph.modules.map((module) => [module.path, module]));
      // Restarts first: they apply nothing, so the hot updates after them see the same graph.
      const files = Object.entries(expected.files).sort(([, a], [, b]) => rank(a) - rank(b));
      for (const [file, verdict] of files) {
        const path = app.path(file);
        const { result } = await driver.request("update", { paths: [path] });
        const where = `${project}/${file}: ${JSON.stringify(result)}`;
        if (verdict.verdict === "not-in-graph") {
          assert.deepEqual([result.type, result.ignored], ["success", [path]], where);
        } else if (verdict.verdict === "restart" && verdict.declined) {
          assert.equal(result.type, "declined", where);
          assert.equal(result.declined, app.path(verdict.declined), where);
          assert.deepEqual(result.chain, verdict.chain.map((f) => app.path(f)), where);
        } else if (verdict.verdict === "restart") {
          assert.equal(result.type, "unaccepted", where);
          assert.deepEqual(result.chain, verdict.chain.map((f) => app.path(f)), where);
        } else {
          assert.equal(result.type, "success", where);
          for (const acceptor of verdict.acceptedBy) {
            // A boundary that accepts itself is evaluated again; an importer that accepts the
            // dependency it imports is not.
            const module = modules.get(app.path(acceptor));
            const selfBoundary = acceptor === file || (module.selfAccept && module.accepts.length === 0);
            const acceptsSome = module.accepts.length > 0 || module.imports.some((edge) => edge.boundary);
            const importerBoundary = !module.selfAccept && acceptsSome;
            if (selfBoundary) assert.ok(result.reevaluated.includes(app.path(acceptor)), where);
            if (importerBoundary) assert.ok(!result.reevaluated.includes(app.path(acceptor)), where);
            assert.ok(selfBoundary || importerBoundary || module.selfAccept, where);
          }
        }
      }
    } finally {
      await app.stop();
      driver.close();
    }
  });
}

function rank(verdict) {
  return verdict.verdict === "hot" ? 1 : 0;
}

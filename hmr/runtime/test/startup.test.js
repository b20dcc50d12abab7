// Start-up failures and how `[hot]` lines name files: a syntax or link error in a module loaded
// at start-up, or a missing entry, is one `[hot]` line (plus oxc's excerpt) and exit code 1,
// with no runtime frames; paths are relative to the project root wherever the app starts from.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createDriver } from "./driver.js";
import { createAppDirectory, withApp } from "./harness.js";

const KEEP_ALIVE = "setInterval(() => {}, 1000);";

function stderrOf(app) {
  return app.lines.filter((line) => line.stream === "stderr").map((line) => line.text);
}

function assertNoInternals(app) {
  const output = app.output();
  assert.doesNotMatch(output, /hmr\/runtime\//);
  assert.doesNotMatch(output, /node:internal/);
  assert.doesNotMatch(output, /^\w+: +at /m);
}

test("a syntax error in a module loaded at start-up is one [hot] line with the excerpt, and exit 1", async () => {
  await withApp(
    { "main.ts": `import "./src/dep.ts";\n`, "src/dep.ts": `const a = 1;\nlet b: number = a +;\n` },
    { entry: "main.ts" },
    async (app) => {
      assert.equal((await app.exit).code, 1);
      const stderr = stderrOf(app);
      assert.equal(stderr[0], "[hot] src/dep.ts:2:20: SyntaxError: Unexpected token", app.output());
      assert.ok(stderr.includes("   ,-[src/dep.ts:2:20]"), app.output());
      assert.ok(stderr.includes(" 2 | let b: number = a +;"), app.output());
      assert.ok(stderr.length <= 8, app.output());
      assertNoInternals(app);
    },
  );
});

test("a link error at start-up is one [hot] line and exit 1, also when silent", async () => {
  await withApp(
    { "main.js": `import { missing } from "./dep.js";\nconsole.log(missing);\n`, "dep.js": `export const present = 1;\n` },
    { query: "?silent" },
    async (app) => {
      assert.equal((await app.exit).code, 1);
      assert.deepEqual(stderrOf(app), [
        "[hot] main.js:1:25: SyntaxError: The requested module './dep.js' does not provide an export named 'missing'",
      ]);
      assertNoInternals(app);
    },
  );
});

test("an import that does not resolve at start-up names the importing file and line", async () => {
  await withApp({ "main.js": `// first\nimport "./gone.js";\n` }, {}, async (app) => {
    assert.equal((await app.exit).code, 1);
    assert.match(stderrOf(app)[0], /^\[hot\] main\.js:2:8: Error: Cannot find module '[^']*\/gone\.js' imported from [^ ]*main\.js/);
    assertNoInternals(app);
  });
});

test("a missing entry is one [hot] line and exit 1", async () => {
  await withApp({ "main.js": `console.log("never");\n` }, { entry: "nope.ts" }, async (app) => {
    assert.equal((await app.exit).code, 1);
    assert.deepEqual(stderrOf(app), ["[hot] cannot find entry ./nope.ts"]);
  });
});

test("a driver hears a start-up syntax error as a log error before the exit", async () => {
  const driver = await createDriver();
  try {
    await withApp({ "main.js": `let x = ;\n` }, { env: { HOTSWAP_SOCKET: driver.socketPath } }, async (app) => {
      assert.equal((await app.exit).code, 1);
      const log = await driver.notification("log");
      assert.equal(log.params.level, "error");
      assert.match(log.params.message, /^main\.js:1:9: SyntaxError: Unexpected token/);
    });
  } finally {
    driver.close();
  }
});

test("[hot] lines show paths from the project root when started elsewhere, absolute outside it", async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), "hotswap-cwd-"));
  const outside = mkdtempSync(join(tmpdir(), "hotswap-outside-"));
  const outsideFile = join(outside, "far.js");
  writeFileSync(outsideFile, `export const far = 1;\n`);
  const dir = createAppDirectory({
    "src/main.js": `import "./db.js"; import "${outsideFile}"; ${KEEP_ALIVE} console.log("> ready");`,
    "src/db.js": `export const db = 1;\n`,
  });
  try {
    await withApp({}, { dir, entry: join(dir, "src/main.js"), cwd: elsewhere }, async (app) => {
      await app.next("> ready");
      app.write("src/db.js", `export const db = 2;\n`);
      assert.equal(await app.next("[hot]"), "[hot] Update not accepted: src/db.js -> src/main.js (entry). A restart is needed.");
      writeFileSync(outsideFile, `export const far = 2;\n`);
      assert.equal(await app.next("[hot]"), `[hot] Update not accepted: ${outsideFile} -> src/main.js (entry). A restart is needed.`);
    });
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

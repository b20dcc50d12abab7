// The differential matrix: every import and export form of testdata/matrix/cases.json runs under
// plain node and under the runtime, and the two must print the same (exit status, standard output,
// and the name and message of an error). Each JavaScript row also runs as TypeScript (every `.js`
// file renamed `.ts`, imports still naming `.js` as TypeScript's NodeNext rules allow, and a
// type-only line added at the end); its output must equal plain node's on the JavaScript twin.
//
// A row is { name, files, entry?, variants? }: `files` are added to the table's shared files
// (a package.json with "type": "module" unless the row brings its own); `entry` defaults to
// main.js; `variants` defaults to ["js", "ts"] (a CommonJS row would say ["js"]).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { REGISTER, REPO_ROOT } from "./harness.js";

const TABLE = JSON.parse(readFileSync(join(REPO_ROOT, "testdata/matrix/cases.json"), "utf8"));
const TYPE_ONLY_LINE = "export type MatrixOnly = { readonly n: number };\n";
const RUN_TIMEOUT_MS = 30_000;

function writeApp(files) {
  const dir = mkdtempSync(join(tmpdir(), "hotswap-matrix-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function filesOf(row) {
  return { "package.json": JSON.stringify({ type: "module" }), ...TABLE.shared, ...row.files };
}

// The TypeScript twin: `.js` files become `.ts` with a line only TypeScript accepts.
function typescriptTwin(files, entry) {
  const twin = {};
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith(".js")) twin[path.replace(/\.js$/, ".ts")] = `${content}${TYPE_ONLY_LINE}`;
    else twin[path] = content;
  }
  return { files: twin, entry: entry.replace(/\.js$/, ".ts") };
}

/** Runs `entry` in `dir`, with the runtime when `register` is set; resolves to what is compared. */
function run(dir, entry, register) {
  const args = [...(register ? ["--import", register] : []), entry];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout: RUN_TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, error: errorOf(stderr, dir), stderr }));
  });
}

// The first `SomeError: message` (Node prints it on a line of its own, the runtime after its
// `[hot] file:line:column:` prefix), without the `(file:line:column)` the runtime adds and with
// the app's directory (also as a file URL) written as <dir>.
function errorOf(stderr, dir) {
  const match = /\b([A-Z]\w*Error: .*)$/m.exec(stderr);
  if (!match) return null;
  return match[1]
    .replace(/ \([^()]*:\d+:\d+\)$/, "")
    .replaceAll(`file://${dir}`, "<dir>")
    .replaceAll(dir, "<dir>");
}

function comparable({ status, stdout, error }) {
  return { status, stdout, error };
}

test("every import and export form runs under the runtime as under plain node", { concurrency: 2 }, async (t) => {
  for (const row of TABLE.cases) {
    const entry = row.entry ?? "main.js";
    const files = filesOf(row);
    for (const variant of row.variants ?? ["js", "ts"]) {
      await t.test(`${row.name} (${variant})`, async () => {
        const plainDir = writeApp(files);
        const app = variant === "ts" ? typescriptTwin(files, entry) : { files, entry };
        const hotDir = variant === "ts" ? writeApp(app.files) : plainDir;
        try {
          const [plain, hot] = await Promise.all([run(plainDir, entry, null), run(hotDir, app.entry, REGISTER)]);
          assert.deepEqual(
            comparable(hot),
            comparable(plain),
            `${row.name} (${variant}) differs from plain node.\nruntime stderr:\n${hot.stderr}\nnode stderr:\n${plain.stderr}`,
          );
          assert.ok(plain.stdout.length > 0 || plain.error !== null, `${row.name}: the row shows nothing to compare`);
        } finally {
          rmSync(plainDir, { recursive: true, force: true });
          if (hotDir !== plainDir) rmSync(hotDir, { recursive: true, force: true });
        }
      });
    }
  }
});

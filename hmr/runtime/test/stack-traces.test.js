// Errors thrown by hot modules show the original file, line and column, with or without
// --enable-source-maps, for JavaScript and for TypeScript (two source maps chained).
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

const files = {
  "main.js": `import { fail } from "./fail.ts";\n\n\ntry {\n  fail();\n} catch (error) {\n  console.log(error.stack.split("\\n").slice(0, 3).join(" | "));\n}\n`,
  "fail.ts": `interface Unused { a: string }\ntype Alias = number;\n\nexport function fail(): never {\n  const n: Alias = 1;\n      throw new Error("where am I " + n);\n}\n`,
};

for (const nodeArgs of [[], ["--enable-source-maps"]]) {
  test(`stack frames of hot modules point at the original lines ${nodeArgs.join(" ") || "(no flags)"}`, async () => {
    await withApp(files, { nodeArgs }, async (app) => {
      const line = await app.next(/^Error: where am I/);
      assert.match(line, /fail\.ts:6:13\)/, line);
      // The caller frame is the call through the live binding: the line is exact, the column is the
      // call's parenthesis.
      assert.match(line, /main\.js:5:\d+$/, line);
    });
  });
}

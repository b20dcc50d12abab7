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

test("a frame of an old version, still running after an update, maps with that version's lines", async () => {
  await withApp(
    {
      "main.js": `
        import "./dep.js";
        import.meta.hot.accept("./dep.js", () => {
          for (const [name, fn] of Object.entries(globalThis.versions)) {
            try { fn(); } catch (error) { console.log("> " + name, error.stack.split("\\n")[1].trim()); }
          }
        });
        setInterval(() => {}, 1000);
        console.log("> ready");
      `,
      "dep.js": `globalThis.versions ??= {};\nglobalThis.versions.v1 = () => {\n  throw new Error("v1");\n};\n`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("dep.js", `globalThis.versions ??= {};\n\n\n\n\nglobalThis.versions.v2 = () => {\n\n  throw new Error("v2");\n};\n`);
      assert.match(await app.next(/^> v1/), /dep\.js:3:9\)?$/);
      assert.match(await app.next(/^> v2/), /dep\.js:8:9\)?$/);
    },
  );
});

test("a frame after a write to an exported binding on the same line keeps its column", async () => {
  // The write is wrapped for the stubs (export-writes.js), which moves the rest of its line in
  // the compiled code; the source map takes it back.
  const fail = `export let count = 0;\nexport function bump(){ count += 1; [count] = [count + 1]; count++; throw new Error("after " + count); }\n`;
  for (const file of ["fail.js", "fail.ts"]) {
    await withApp(
      {
        "main.js": `import { bump } from "./${file}";\ntry {\n  bump();\n} catch (error) {\n  console.log(error.stack.split("\\n").slice(0, 2).join(" | "));\n}\n`,
        [file]: fail,
      },
      {},
      async (app) => {
        const line = await app.next(/^Error: after 3/);
        assert.match(line, new RegExp(`${file.replace(".", "\\.")}:2:75\\)`), line);
      },
    );
  }
});

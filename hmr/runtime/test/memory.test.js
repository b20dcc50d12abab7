// An old version nobody references any more is garbage-collected: the heap kept per update
// stays small over hundreds of real file edits (dynohot keeps 8-28 KB per update).
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

const WARM_UP = 300;
const MEASURED = 500;

test(`heap kept per update stays under 1 KB over ${MEASURED} edits`, async (t) => {
  await withApp(
    {
      "main.js": `
        import { writeFileSync } from "node:fs";
        import { count } from "./dep.js";
        let base = 0;
        const write = (n) => writeFileSync(new URL("./dep.js", import.meta.url),
          \`import { helper } from "./helper.js";\\nexport const count = \${n};\\nconst big = new Array(1000).fill(\${n});\\nexport const use = () => big.length + helper();\\n\`);
        import.meta.hot.accept("./dep.js", () => {
          if (count === ${WARM_UP}) { gc(); gc(); base = process.memoryUsage().heapUsed; }
          if (count === ${WARM_UP + MEASURED}) {
            gc(); gc();
            console.log("> kept", Math.round((process.memoryUsage().heapUsed - base) / ${MEASURED}));
            process.exit(0);
          }
          write(count + 1);
        });
        write(1);
        setInterval(() => {}, 1000);
      `,
      "dep.js": "export const count = 0;",
      "helper.js": "export const helper = () => 1;",
    },
    { query: "?silent", nodeArgs: ["--expose-gc"] },
    async (app) => {
      const kept = Number((await app.next(/^> kept/, { timeoutMs: 30000 })).split(" ")[2]);
      t.diagnostic(`heap kept per update: ${kept} bytes`);
      assert.ok(kept < 1024, `${kept} bytes kept per update`);
    },
  );
});

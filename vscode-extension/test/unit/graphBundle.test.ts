// media/graph.js is committed (the Go binary embeds it): it must be what its sources build to.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { build } from "esbuild";
import { graphBundleOptions, graphBundlePath } from "../../scripts/graphBundle.ts";

test("media/graph.js is current: rebuild it with `npm run build` after changing src/webview or graphModel.ts", async () => {
  const result = await build({ ...graphBundleOptions, write: false });
  const built = result.outputFiles![0].text;
  assert.ok(built === readFileSync(graphBundlePath, "utf8"), "media/graph.js differs from what scripts/build.ts makes");
  assert.doesNotMatch(built, /<\/script/i, "the bundle can be inlined in a <script> element");
});

// Bundles the extension with esbuild into dist/extension.cjs (vscode stays external), and the
// graph view into media/graph.js.
import { build } from "esbuild";
import path from "node:path";
import { graphBundleOptions } from "./graphBundle.ts";

const root = path.join(import.meta.dirname, "..");

await build({
  entryPoints: [path.join(root, "src", "extension.ts")],
  outfile: path.join(root, "dist", "extension.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  sourcemap: true,
  logLevel: "warning",
});
await build(graphBundleOptions);

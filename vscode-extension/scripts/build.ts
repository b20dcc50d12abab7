// Bundles the extension with esbuild into dist/extension.cjs (vscode stays external).
import { build } from "esbuild";
import path from "node:path";

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

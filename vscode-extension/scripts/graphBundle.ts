// The graph view's bundle, media/graph.js: src/webview/graphView.ts with ELK, for the panel's
// webview and for the file `hotswap graph --html` writes (the Go binary embeds the committed
// copy, so go build needs no Node). test/unit/graphBundle.test.ts checks the copy is current.
import type { BuildOptions } from "esbuild";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");

/** Where the bundle goes; committed, because the Go binary embeds it. */
export const graphBundlePath = path.join(root, "media", "graph.js");

/** esbuild's options for the bundle; deterministic, so a rebuild gives the same bytes. */
export const graphBundleOptions: BuildOptions = {
  entryPoints: [path.join(root, "src", "webview", "graphView.ts")],
  outfile: graphBundlePath,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "chrome120",
  minify: true,
  // ELK's licence header stays with its code.
  legalComments: "inline",
  // The standalone file inlines the bundle in a <script> element.
  supported: { "inline-script": false },
  logLevel: "warning",
};

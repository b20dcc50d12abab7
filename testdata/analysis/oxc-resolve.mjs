// Resolves specifiers with oxc-resolver, configured as the runtime resolves the app's imports,
// so the Go analyser's esbuild-based resolver can be checked against it.
// stdin: one JSON array per line, [importerFile, specifier]; stdout: one JSON object per line,
// {"path": "..."} or {"builtin": "node:fs"} or {"error": "..."}.
import { ResolverFactory } from "oxc-resolver";
import { createInterface } from "node:readline";

// These options mirror hmr/analysis/resolve: Node ESM conditions, TypeScript's `.js` naming
// `.ts`, the same extension list for extensionless specifiers, and tsconfig discovery.
const resolver = new ResolverFactory({
  conditionNames: ["node", "import"],
  mainFields: ["main"],
  extensions: [".tsx", ".ts", ".jsx", ".js", ".mjs", ".mts", ".json"],
  extensionAlias: {
    ".js": [".js", ".ts", ".tsx"],
    ".jsx": [".jsx", ".ts", ".tsx"],
    ".mjs": [".mjs", ".mts"],
    ".cjs": [".cjs", ".cts"],
  },
  tsconfig: "auto",
  builtinModules: true,
});

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const [importer, specifier] = JSON.parse(line);
  const result = resolver.resolveFileSync(importer, specifier);
  if (result.builtin) {
    process.stdout.write(JSON.stringify({ builtin: result.builtin.resolved }) + "\n");
  } else if (result.path) {
    process.stdout.write(JSON.stringify({ path: result.path }) + "\n");
  } else {
    process.stdout.write(JSON.stringify({ error: String(result.error) }) + "\n");
  }
}

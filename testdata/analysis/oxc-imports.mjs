// Prints which modules each TypeScript file still imports after oxc-transform, as the runtime
// transforms it (hmr/runtime/transform.js calls transformSync with default options).
// Usage: node oxc-imports.mjs FILE...; stdout: {"FILE": ["./a.js", ...], ...}
import { readFileSync } from "node:fs";
import { transformSync } from "oxc-transform";

const statement = /^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm;
const out = {};
for (const file of process.argv.slice(2)) {
  const { code, errors } = transformSync(file, readFileSync(file, "utf8"));
  if (errors.length) throw new Error(`${file}: ${errors[0].message}`);
  out[file] = [...code.matchAll(statement)].map((m) => m[1] ?? m[2]);
}
process.stdout.write(JSON.stringify(out));

// Resolves specifiers exactly as the runtime does, with the runtime's own Resolver
// (hmr/runtime/resolve.js, oxc-resolver underneath), so the Go analyser's esbuild-based
// resolver can be checked against it.
// stdin: one JSON array per line, [importerFile, specifier]; stdout: one JSON object per line,
// {"path": "/abs/file"} or {"builtin": "node:fs"} or {"error": "..."}.
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Resolver } from "../../hmr/runtime/resolve.js";

const resolver = new Resolver(undefined, undefined);

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const [importer, specifier] = JSON.parse(line);
  let answer;
  try {
    const result = resolver.resolve(specifier, importer);
    if (result.path) answer = { path: result.path };
    else if (result.external.startsWith("file:")) answer = { path: fileURLToPath(result.external) };
    else answer = { builtin: result.external };
  } catch (error) {
    answer = { error: String(error.message ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}

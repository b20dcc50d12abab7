// Copies the Hotswap runtime into the extension (runtime/): hmr/runtime's .js and .d.ts files,
// a package.json, and the production packages it needs as installed for this platform (native
// bindings included), so "Start app" works in a project that never installed hotswap.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

interface PackageJson {
  name: string;
  version: string;
  type?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const RUNTIME_FILE = /\.(?:c?js|d\.ts)$/;

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

/**
 * The installed packages a package needs, transitively: dependencies must be installed,
 * optional ones (other platforms' native bindings) are taken only when they are.
 */
export function dependencyClosure(nodeModules: string, roots: Record<string, string>): string[] {
  const found = new Set<string>();
  const visit = (name: string, optional: boolean) => {
    if (found.has(name)) return;
    const dir = path.join(nodeModules, name);
    if (!existsSync(path.join(dir, "package.json"))) {
      if (optional) return;
      throw new Error(`${dir}: package ${name} is not installed (run npm install at the repository root)`);
    }
    found.add(name);
    const pkg = readPackage(dir);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, true);
  };
  for (const name of Object.keys(roots)) visit(name, false);
  return [...found].sort();
}

/**
 * Stages the runtime from the repository at `repoRoot` into `target`, replacing what was there.
 * Its packages come from `nodeModules`: the repository's own, or another platform's install
 * (npm install --os --cpu) for a .vsix of that platform.
 */
export function stageRuntime(
  repoRoot: string,
  target: string,
  nodeModules: string = path.join(repoRoot, "node_modules"),
): { files: number; packages: string[] } {
  rmSync(target, { recursive: true, force: true });
  const source = path.join(repoRoot, "hmr", "runtime");
  const runtimeDir = path.join(target, "hmr", "runtime");
  mkdirSync(runtimeDir, { recursive: true });
  // The runtime's modules in every folder (cjs/, hot-hook/, node-hmr/), not its tests or the
  // type-check's own declarations.
  const files = (readdirSync(source, { recursive: true }) as string[]).filter(
    (name) => RUNTIME_FILE.test(name) && !/^(?:test|types)(?:[\\/]|$)/.test(name),
  );
  for (const name of files) {
    mkdirSync(path.dirname(path.join(runtimeDir, name)), { recursive: true });
    cpSync(path.join(source, name), path.join(runtimeDir, name));
  }
  const root = readPackage(repoRoot);
  const manifest: PackageJson = {
    name: root.name,
    version: root.version,
    type: root.type,
    exports: root.exports,
    dependencies: root.dependencies,
  };
  writeFileSync(path.join(target, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  const packages = dependencyClosure(nodeModules, root.dependencies ?? {});
  for (const name of packages) {
    cpSync(path.join(nodeModules, name), path.join(target, "node_modules", name), { recursive: true });
  }
  return { files: files.length, packages };
}

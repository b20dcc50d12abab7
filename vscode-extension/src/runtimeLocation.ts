// Decides which Hotswap runtime the language server hands to the app. A project that installed
// hotswap itself keeps its own copy; otherwise the runtime bundled in the .vsix is used, so
// "Start app" works in a project that never installed hotswap.
import { existsSync } from "node:fs";
import path from "node:path";

/** The runtime the server is told about through HOTSWAP_RUNTIME, and why. */
export interface RuntimeChoice {
  /** The register.js to pass as HOTSWAP_RUNTIME; undefined leaves the server to search itself. */
  register?: string;
  /** "project": the project's own node_modules/hotswap (at `packageDir`) wins. */
  source: "project" | "bundled" | "none";
  packageDir?: string;
}

/** The bundled runtime's register.js inside the extension folder. */
export function bundledRegister(extensionDir: string): string {
  return path.join(extensionDir, "runtime", "hmr", "runtime", "register.js");
}

/**
 * Looks for an installed hotswap package above each start folder (the entry's folder first,
 * then the workspace folder). HOTSWAP_RUNTIME would beat it in the server's lookup, so when one
 * is found the variable is left unset and the server finds the package's own ./register export,
 * exactly as `hotswap run` does. Otherwise the bundled runtime is passed, if the .vsix has one.
 */
export function chooseRuntime(
  startDirs: string[],
  extensionDir: string,
  exists: (file: string) => boolean = existsSync,
): RuntimeChoice {
  for (const start of startDirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const packageDir = path.join(dir, "node_modules", "hotswap");
      if (exists(path.join(packageDir, "package.json"))) return { source: "project", packageDir };
      if (dir === path.dirname(dir)) break;
    }
  }
  const bundled = bundledRegister(extensionDir);
  if (exists(bundled)) return { register: bundled, source: "bundled" };
  return { source: "none" };
}

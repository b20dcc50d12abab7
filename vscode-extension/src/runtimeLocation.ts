// Decides which Hotswap runtime the language server hands to the app. A project that installed
// hotswap itself keeps its own copy; otherwise the runtime bundled in the .vsix is used, so
// "Start app" works in a project that never installed hotswap.
import { existsSync } from "node:fs";
import path from "node:path";

/** The runtime the server is told about through HOTSWAP_RUNTIME, and why. */
export interface RuntimeChoice {
  /** The register.js to use, or undefined to let the server search on its own. */
  register?: string;
  source: "project" | "bundled" | "none";
}

/** Where a project's own installed runtime may live, relative to a node_modules/hotswap folder. */
const projectRegisterPaths = [path.join("hmr", "runtime", "register.js"), "register.js"];

/** The bundled runtime's register.js inside the extension folder. */
export function bundledRegister(extensionDir: string): string {
  return path.join(extensionDir, "runtime", "hmr", "runtime", "register.js");
}

/**
 * Looks for node_modules/hotswap above each start folder (the entry's folder first, then the
 * workspace folder), then for the bundled runtime.
 */
export function chooseRuntime(
  startDirs: string[],
  extensionDir: string,
  exists: (file: string) => boolean = existsSync,
): RuntimeChoice {
  for (const start of startDirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      for (const relative of projectRegisterPaths) {
        const file = path.join(dir, "node_modules", "hotswap", relative);
        if (exists(file)) return { register: file, source: "project" };
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  const bundled = bundledRegister(extensionDir);
  if (exists(bundled)) return { register: bundled, source: "bundled" };
  return { source: "none" };
}

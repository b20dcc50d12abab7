// The systems the runtime is measured against: plain node, hotswap, and the peers dynohot and
// hot-hook. The peers come from the npm registry at benchmark time, into bench/.cache/peers
// (gitignored); they are never dependencies of the project.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PEERS_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), "../.cache/peers");
const PEER_PACKAGES = ["dynohot", "hot-hook", "vite-node"];

/**
 * Installs the latest dynohot, hot-hook and vite-node into bench/.cache/peers once a day (npm must be on
 * PATH) and returns that directory's node_modules, where the apps link them from.
 */
export function installPeers() {
  const modules = join(PEERS_DIRECTORY, "node_modules");
  const stampFile = join(PEERS_DIRECTORY, "installed-on");
  const today = new Date().toISOString().slice(0, 10);
  const fresh = existsSync(stampFile) && readFileSync(stampFile, "utf8") === today;
  if (!fresh || !PEER_PACKAGES.every((name) => existsSync(join(modules, name)))) {
    mkdirSync(PEERS_DIRECTORY, { recursive: true });
    writeFileSync(join(PEERS_DIRECTORY, "package.json"), JSON.stringify({ private: true }));
    const specs = PEER_PACKAGES.map((name) => `${name}@latest`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
      cwd: PEERS_DIRECTORY,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 180000,
    });
    writeFileSync(stampFile, today);
  }
  return modules;
}

/** The installed version of a peer, for the table's header. */
export function peerVersion(modules, name) {
  return JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}

/**
 * How each system starts an app. `hotHook` marks hot-hook, whose updates take effect at the next
 * dynamic import of a boundary instead of through accept callbacks. `slowUpdates` marks the
 * peers whose watchers take 100 ms or more per change: the memory run makes fewer updates there.
 */
export const CONTENDERS = [
  { name: "plain node", args: [] },
  { name: "hotswap", args: ["--import", "hotswap/register?silent"] },
  { name: "dynohot", args: ["--no-warnings", "--import", "dynohot"], slowUpdates: true },
  { name: "hot-hook", args: ["--no-warnings", "--import", "hot-hook/register"], hotHook: true, slowUpdates: true },
];

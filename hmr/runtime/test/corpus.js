// The pinned parents of hot-hook's protocol (@hot-hook/runner, AdonisJS's dev server) and
// hot-hook 1.0.0 itself, installed once by `scripts/corpus.sh hot-hook` into .cache/corpus-hothook/.
// An app gets a node_modules of links to them, with Hotswap (or the real hot-hook) as hot-hook.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./harness.js";

let corpus = null;

/** The corpus's node_modules directory (installs it on first use; npm must be on PATH). */
export function corpusModules() {
  corpus ??= join(
    execFileSync(join(REPO_ROOT, "scripts", "corpus.sh"), ["hot-hook"], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 600000,
    }).trim(),
    "node_modules",
  );
  return corpus;
}

/**
 * Replaces `dir`/node_modules with links to every corpus package, and hot-hook linked to
 * `hotHook`: "hotswap" (this repository) or "original" (hot-hook 1.0.0).
 */
export function linkCorpus(dir, hotHook = "hotswap") {
  const modules = corpusModules();
  const target = join(dir, "node_modules");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  for (const name of readdirSync(modules)) {
    if (name.startsWith(".") || name === "hot-hook-original") continue;
    if (name.startsWith("@")) {
      mkdirSync(join(target, name));
      for (const scoped of readdirSync(join(modules, name))) symlinkSync(join(modules, name, scoped), join(target, name, scoped), "dir");
    } else {
      symlinkSync(join(modules, name), join(target, name), "dir");
    }
  }
  symlinkSync(hotHook === "original" ? join(modules, "hot-hook-original") : REPO_ROOT, join(target, "hot-hook"), "dir");
  symlinkSync(REPO_ROOT, join(target, "hotswap"), "dir");
}

let frameworks = null;

/**
 * The framework corpus's node_modules (testdata/apps/corpus.json: express, jiti, ...), installed
 * once by scripts/corpus.sh into .cache/corpus/ (npm must be on PATH).
 */
export function frameworkModules() {
  frameworks ??= join(
    execFileSync(join(REPO_ROOT, "scripts", "corpus.sh"), {
      encoding: "utf8",
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 600000,
    }).trim(),
    "node_modules",
  );
  return frameworks;
}

// Makes a .vsix. With no arguments: for the platform it runs on, building the hotswap binary
// into bin/ and staging the runtime with the repository's node_modules. scripts/dist.mjs passes
// --target <os-cpu> --binary <prebuilt> --node-modules <that platform's packages> --out <file>
// for each platform, and --target universal for the .vsix with no binary and no runtime, which
// uses the project's node_modules/.bin/hotswap or hotswap on PATH. Prints the .vsix path last.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { stageRuntime } from "./stageRuntime.ts";

const extensionDir = path.join(import.meta.dirname, "..");
const repoRoot = path.join(extensionDir, "..");
const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });

const { values: opts } = parseArgs({
  options: {
    target: { type: "string" },
    binary: { type: "string" },
    "node-modules": { type: "string" },
    out: { type: "string" },
  },
});

/** vsce's name for this platform (linux-x64, darwin-arm64, win32-x64, ...). */
function hostTarget(): string {
  const arch = process.arch === "x64" || process.arch === "arm64" ? process.arch : undefined;
  if (!arch || !["linux", "darwin", "win32"].includes(process.platform)) {
    throw new Error(`no .vsix target for ${process.platform}-${process.arch}`);
  }
  return `${process.platform}-${arch}`;
}

const target = opts.target ?? hostTarget();
const binDir = path.join(extensionDir, "bin");
const runtimeDir = path.join(extensionDir, "runtime");
rmSync(binDir, { recursive: true, force: true });
if (target === "universal") {
  rmSync(runtimeDir, { recursive: true, force: true });
} else {
  const exe = target.startsWith("win32-") ? "hotswap.exe" : "hotswap";
  if (opts.binary) {
    mkdirSync(binDir, { recursive: true });
    cpSync(opts.binary, path.join(binDir, exe));
  } else {
    // The Makefile passes its $(GO); otherwise the go on PATH.
    const go = process.env.GO || "go";
    run(go, ["build", "-ldflags=-s -w", "-o", path.join(binDir, exe), "./cmd/hotswap"], repoRoot);
  }
  const staged = stageRuntime(repoRoot, runtimeDir, opts["node-modules"]);
  console.log(`runtime: ${staged.files} files, packages ${staged.packages.join(", ")}`);
}
run(process.execPath, [path.join(extensionDir, "scripts", "build.ts")], extensionDir);

const { version } = JSON.parse(readFileSync(path.join(extensionDir, "package.json"), "utf8")) as { version: string };
const out = opts.out ?? path.join(extensionDir, `hotswap-${target}-${version}.vsix`);
const vsce = path.join(extensionDir, "node_modules", "@vscode", "vsce", "vsce");
const targetArgs = target === "universal" ? [] : ["--target", target];
run(process.execPath, [vsce, "package", "--no-dependencies", "--skip-license", ...targetArgs, "--out", out], extensionDir);
console.log(out);

// Makes the .vsix for the platform it runs on: builds the hotswap binary into bin/, stages the
// runtime into runtime/, bundles the extension and runs vsce. Prints the .vsix path last.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { stageRuntime } from "./stageRuntime.ts";

const extensionDir = path.join(import.meta.dirname, "..");
const repoRoot = path.join(extensionDir, "..");
const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });

/** vsce's name for this platform (linux-x64, darwin-arm64, win32-x64, ...). */
function vsceTarget(): string {
  const arch = process.arch === "x64" || process.arch === "arm64" ? process.arch : undefined;
  if (!arch || !["linux", "darwin", "win32"].includes(process.platform)) {
    throw new Error(`no .vsix target for ${process.platform}-${process.arch}`);
  }
  return `${process.platform}-${arch}`;
}

// The Makefile passes its $(GO); otherwise the go on PATH.
const go = process.env.GO || "go";
const exe = process.platform === "win32" ? "hotswap.exe" : "hotswap";
// cgo stays on: the analyser parses with tree-sitter, so the binary is for this platform only.
// No -trimpath: the build then reuses what make build and make test-go compiled (tree-sitter's C).
run(go, ["build", "-ldflags=-s -w", "-o", path.join(extensionDir, "bin", exe), "./cmd/hotswap"], repoRoot);
const staged = stageRuntime(repoRoot, path.join(extensionDir, "runtime"));
console.log(`runtime: ${staged.files} files, packages ${staged.packages.join(", ")}`);
run(process.execPath, [path.join(extensionDir, "scripts", "build.ts")], extensionDir);

const target = vsceTarget();
const { version } = JSON.parse(readFileSync(path.join(extensionDir, "package.json"), "utf8")) as { version: string };
const out = path.join(extensionDir, `hotswap-${target}-${version}.vsix`);
const vsce = path.join(extensionDir, "node_modules", "@vscode", "vsce", "vsce");
run(process.execPath, [vsce, "package", "--no-dependencies", "--skip-license", "--target", target, "--out", out], extensionDir);
console.log(out);

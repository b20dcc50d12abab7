#!/usr/bin/env node
// The `hotswap` command of the npm package: finds the Go binary for this platform in the
// optional package @hotswap/<os>-<cpu> (or HOTSWAP_BINARY) and runs it, telling it which
// runtime to load (HOTSWAP_LAUNCHER_RUNTIME) so the binary and the runtime always come from the
// same install.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { platformPackage } from "./platforms.js";

const require = createRequire(import.meta.url);

/**
 * Finds the binary to run.
 * @returns {{ binary: string } | { error: string }}
 */
function findBinary() {
  if (process.env.HOTSWAP_BINARY) return { binary: process.env.HOTSWAP_BINARY };
  const found = platformPackage(process.platform, process.arch);
  if (!found.ok) return { error: found.error };
  try {
    return { binary: require.resolve(`${found.name}/${found.executable}`) };
  } catch {
    return {
      error:
        `hotswap: the package ${found.name}, which holds the binary for ${process.platform}-${process.arch}, is not installed.\n` +
        `It is an optional dependency of hotswap: reinstall without --no-optional / --omit=optional, ` +
        `or set HOTSWAP_BINARY to a hotswap binary.`,
    };
  }
}

const found = findBinary();
if ("error" in found) {
  console.error(found.error);
  process.exit(1);
}
const runtime = fileURLToPath(new URL("../hmr/runtime/register.js", import.meta.url));
const child = spawn(found.binary, process.argv.slice(2), {
  stdio: "inherit",
  env: { ...process.env, HOTSWAP_LAUNCHER_RUNTIME: runtime },
});
// A signal sent to the launcher alone (npx, a test, a process manager) is passed on. Ctrl-C in a
// terminal reaches the binary too, so it sees it twice; `hotswap run` counts a repeat within
// half a second as the same one.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`hotswap: cannot run ${found.binary}: ${error.message}`);
  // A binary that exists but "is not found" lacks its program loader: the Linux binaries link
  // glibc (npm/platforms.js), which a musl system such as Alpine does not have.
  if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT" && existsSync(found.binary) && process.platform === "linux") {
    console.error(
      "hotswap: the Linux binaries need glibc 2.17 or newer. On Alpine, `apk add gcompat`; or build one without cgo " +
        "(CGO_ENABLED=0 go build ./cmd/hotswap in the hotswap repository) and set HOTSWAP_BINARY to it.",
    );
  }
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) {
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});

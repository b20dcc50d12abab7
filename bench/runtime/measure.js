// Timing helpers shared by the start-up benchmarks.
import { spawnSync } from "node:child_process";

/** The median of `values` (the upper one of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `node args` in `cwd` to its end and returns the wall time in ms; throws when it fails. */
export function timeRun(args, cwd) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: 60000 });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return performance.now() - started;
}

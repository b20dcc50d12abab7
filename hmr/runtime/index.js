// The package's main export. The runtime's API is `import.meta.hot`; this module only carries
// the types (hotswap.d.ts) and a way for tools to reach the running runtime.

/** The runtime of this process when it was started with `--import hotswap/register`, else null. */
export function currentRuntime() {
  return globalThis[Symbol.for("hotswap.runtime")] ?? null;
}

// The package's main export. The runtime's API is `import.meta.hot`; this module carries the
// types (hotswap.d.ts), a way for tools to reach the running runtime, and hot-hook's `hot`
// object for apps that install Hotswap under hot-hook's name.
export { hot } from "./hot-hook/index.js";

/** The runtime of this process when it was started with `--import hotswap/register`, else null. */
export function currentRuntime() {
  return globalThis[Symbol.for("hotswap.runtime")] ?? null;
}

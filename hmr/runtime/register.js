// `node --import hotswap/register app.ts` (options: `?ignore=<regexp>&silent`). Sets up the
// runtime, the load hook and stack-trace mapping, then connects to a driver (HOTSWAP_SOCKET) or
// watches the loaded files itself. A worker thread (which inherits `--import`) gets no runtime of
// its own: its files load as Node loads them, TypeScript compiled, with no watcher and no driver.
import { isMainThread } from "node:worker_threads";
import { CjsEngine } from "./cjs/engine.js";
import { installHooks } from "./hooks.js";
import { Messages } from "./messages.js";
import { parseOptions } from "./options.js";
import { Resolver, RUNTIME_DIRECTORY } from "./resolve.js";
import { Runtime } from "./runtime.js";
import { installStackTraces } from "./stack-traces.js";
import { watchLoadedFiles } from "./watch.js";

const options = parseOptions(import.meta.url);
if (isMainThread) await startRuntime();
else installHooks(new Resolver(options.ignore, RUNTIME_DIRECTORY), null);

async function startRuntime() {
  const runtime = new Runtime(options, new Messages(options.silent));
  globalThis[Symbol.for("hotswap.runtime")] = runtime;

  installStackTraces();
  installHooks(runtime.resolver, runtime);
  runtime.cjs = new CjsEngine(runtime);
  runtime.cjs.install();

  const socketPath = process.env.HOTSWAP_SOCKET;
  let watching = true;
  if (socketPath) {
    try {
      // Loaded only with a driver: node:net and node:readline cost ~10 ms of start-up.
      const { connectDriver } = await import("./control.js");
      await connectDriver(runtime, socketPath);
      watching = false;
    } catch (error) {
      runtime.messages.alert(`Cannot connect to the driver at ${socketPath} (${error.message}); watching files instead.`);
    }
  }
  if (watching) watchLoadedFiles(runtime);
}

// `node --import hotswap/register app.ts` (options: `?ignore=<regexp>&silent`), also reached as
// `--import=hot-hook/register` when the package is installed under hot-hook's name. Starts the
// runtime (start.js). A worker thread (which inherits `--import`) gets no runtime of its own: its
// files load as Node loads them, TypeScript compiled, with no watcher and no driver.
import { isMainThread } from "node:worker_threads";
import { installHooks } from "./hooks.js";
import { parseOptions } from "./options.js";
import { Resolver, RUNTIME_DIRECTORY } from "./resolve.js";
import { startRuntime } from "./start.js";

const options = parseOptions(import.meta.url);
if (isMainThread) await startRuntime(options);
else installHooks(new Resolver(options.ignore, RUNTIME_DIRECTORY), null);

// Types `import.meta.hot` and `import.meta.dynoHot`. Add to a project's .d.ts file:
//   /// <reference types="hotswap/import-meta" />
import type { Hot } from "./hotswap.js";

declare global {
  interface ImportMeta {
    /** Present when the module runs under `--import hotswap/register`. */
    readonly hot?: Hot;
    /** The same object as `hot`, for code written for dynohot. */
    readonly dynoHot?: Hot;
  }
}

export {};

// oxc-parser's experimental raw transfer, lazy (transform.js) and eager (export-writes.js): the
// options and the result's `dispose` that frees the transfer buffer are not in its published types.
import "oxc-parser";

declare module "oxc-parser" {
  interface ParserOptions {
    experimentalLazy?: boolean;
    experimentalRawTransfer?: boolean;
  }
  interface ParseResult {
    dispose?(): void;
  }
}

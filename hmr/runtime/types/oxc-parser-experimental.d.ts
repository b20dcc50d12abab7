// oxc-parser's experimental lazy raw transfer (transform.js uses it): the option and the
// result's `dispose` that frees the transfer buffer are not in its published types.
import "oxc-parser";

declare module "oxc-parser" {
  interface ParserOptions {
    experimentalLazy?: boolean;
  }
  interface ParseResult {
    dispose?(): void;
  }
}

// Accepts nothing: an edit here restarts the app. It uses legacy.ts, which declines.
import { handle } from "./handler.ts";
import { legacy } from "./legacy.ts";

export function start(config: unknown, routes: unknown, read: unknown) {
  return [config, routes, read, handle, legacy];
}

// The request handler: it accepts itself, so an edit is swapped into the running server.
import type { IncomingMessage, ServerResponse } from "node:http";

export function handle(request: IncomingMessage, response: ServerResponse) {
  response.end("reply v0\n");
}

import.meta.hot?.accept();

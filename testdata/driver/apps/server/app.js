// The request handler. Tests rewrite the reply text; this module accepts itself, so the edit
// is swapped in while the server in main.js keeps running.
export function handle(request, response) {
  response.end("reply v0\n");
}

import.meta.hot?.accept();

// Entry of the driver's end-to-end fixture: an HTTP server that keeps its socket across hot
// updates. app.js (the handler) accepts itself; config.js accepts nothing, so editing it
// restarts the app. On dispose it closes the server and, when DISPOSE_MARKER is set, writes
// that file so a test can see the handler ran.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { handle } from "./app.js";
import { config } from "./config.js";

const server = createServer((request, response) => {
  // /crash throws outside any handler, as a bug in a timer would: the process dies.
  if (request.url === "/crash") setImmediate(() => { throw new Error("crashed on request"); });
  handle(request, response);
});
// Keep-alive connections would hold server.close() open during a restart.
server.keepAliveTimeout = 1000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port} (${config.name})`);
});

import.meta.hot?.dispose(async () => {
  // HANG_DISPOSE makes the handler never finish, to test that a second signal kills the app.
  if (process.env.HANG_DISPOSE) await new Promise(() => setInterval(() => {}, 1000));
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
  if (process.env.DISPOSE_MARKER) writeFileSync(process.env.DISPOSE_MARKER, `disposed ${process.pid}\n`);
});

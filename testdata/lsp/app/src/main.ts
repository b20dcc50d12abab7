// An HTTP server whose handler (handler.ts) accepts itself, so edits to it are hot; edits to
// config.ts restart the app. It writes started.txt when it runs, so a test can tell that
// nothing ran before the editor asked.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { handle } from "./handler.ts";
import { config } from "./config.ts";

writeFileSync(new URL("../started.txt", import.meta.url), `started ${process.pid}\n`);

const server = createServer((request, response) => handle(request, response));
server.keepAliveTimeout = 500;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0} (${config.name})`);
});

import.meta.hot?.dispose(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});

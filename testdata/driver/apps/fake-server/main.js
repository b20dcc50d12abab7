// A server for the fake runtime: it prints its port, and on shutdown writes a marker file
// named by DISPOSE_MARKER so that a test can see its dispose handler ran.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import "./dep.js";

if (process.env.CRASH_AT_START) throw new Error("crashed while starting");
const server = createServer((request, response) => response.end("ok\n"));
server.listen(0, "127.0.0.1", () => console.log(`listening on ${server.address().port}`));
globalThis.__fakeHotswapDispose?.(
  () =>
    new Promise((resolve) => {
      if (process.env.DISPOSE_MARKER) writeFileSync(process.env.DISPOSE_MARKER, "disposed");
      server.close(resolve);
    }),
);

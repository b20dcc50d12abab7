// The example app's entry: an HTTP server whose socket and visit count survive hot updates.
import { createServer } from "node:http";
import { greeting } from "./greeting.js";

// The previous version hands over its server and state through dispose/data.
const previous = import.meta.hot?.data ?? {};
const state = previous.state ?? { visits: 0, since: new Date().toISOString() };
const server = previous.server ?? createServer();
const port = Number(process.env.PORT ?? 3000);

function onRequest(request, response) {
  state.visits += 1;
  response.setHeader("content-type", "text/plain; charset=utf-8");
  response.end(`${greeting()}\nvisits: ${state.visits} (counting since ${state.since})\n`);
}
server.on("request", onRequest);

if (!previous.server) {
  server.listen(port, "127.0.0.1", () => {
    const dir = new URL(".", import.meta.url).pathname;
    console.log(`example: listening on http://127.0.0.1:${server.address().port}`);
    console.log(`example: edit ${dir}greeting.js and reload the page: the greeting changes, the visit count stays`);
  });
}

// Edits to greeting.js re-run this module; the server and the count are handed over.
import.meta.hot?.accept();
import.meta.hot?.dispose((data) => {
  server.off("request", onRequest);
  data.server = server;
  data.state = state;
});

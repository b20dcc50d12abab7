// The example app's entry: an HTTP server whose socket and visit count survive hot updates.
// One stable request listener, made once, delegates to the current version's handler: during
// an update, a slow update or a rollback the previous handler keeps answering.
import { createServer } from "node:http";
import { greeting } from "./greeting.js";

// The previous version hands over its state (server included) through dispose/data.
const state = import.meta.hot?.data?.state ?? { visits: 0, since: new Date().toISOString(), handler: null, server: null };
const port = Number(process.env.PORT ?? 3000);

state.handler = function onRequest(request, response) {
  state.visits += 1;
  response.setHeader("content-type", "text/plain; charset=utf-8");
  response.end(`${greeting()}\nvisits: ${state.visits} (counting since ${state.since})\n`);
};

if (!state.server) {
  state.server = createServer((request, response) => state.handler(request, response));
  state.server.listen(port, "127.0.0.1", () => {
    const dir = new URL(".", import.meta.url).pathname;
    console.log(`example: listening on http://127.0.0.1:${state.server.address().port}`);
    console.log(`example: edit ${dir}greeting.js and reload the page: the greeting changes, the visit count stays`);
  });
}

// Edits to greeting.js re-run this module; the server keeps its listener and the count stays.
import.meta.hot?.accept();
import.meta.hot?.dispose((data) => {
  data.state = state;
});

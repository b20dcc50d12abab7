// The README's server: import.meta.hot is read once into a constant, and every registration
// goes through it.
import { createServer } from "node:http";
import { respond } from "./respond.js";

const hot = import.meta.hot;
const server = hot?.data?.server ?? createServer();
const onRequest = (req, res) => res.end(respond(req));
server.on("request", onRequest);
if (!hot?.data?.server) server.listen(0, "127.0.0.1");
hot?.dispose((data) => {
  server.off("request", onRequest);
  data.server = server;
});
hot?.accept();

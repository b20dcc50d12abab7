// Koa keeps its middleware; the entry accepts greeting.js and reads it through the live binding.
// pino logs through a transport, which runs in a worker thread.
import Koa from "koa";
import pino from "pino";
import { greeting } from "./greeting.js";

const log = pino({ transport: { target: "pino/file", options: { destination: 1 } } });
let visits = 0;
const app = new Koa();
app.use((context) => {
  visits += 1;
  context.body = `${greeting()} #${visits}`;
  log.info({ visits }, "request");
});
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`koa: listening on http://127.0.0.1:${server.address().port}`);
});

import.meta.hot?.accept("./greeting.js");

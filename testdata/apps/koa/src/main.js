// Koa keeps its middleware; the entry accepts greeting.js and reads it through the live binding.
import Koa from "koa";
import { greeting } from "./greeting.js";

let visits = 0;
const app = new Koa();
app.use((context) => {
  visits += 1;
  context.body = `${greeting()} #${visits}`;
});
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`koa: listening on http://127.0.0.1:${server.address().port}`);
});

import.meta.hot?.accept("./greeting.js");

// Express's own CommonJS style: Node loads every file of this app itself.
const express = require("express");
const { greeting } = require("./greeting");

let visits = 0;
const app = express();
app.get("/", (_request, response) => {
  visits += 1;
  response.type("text/plain").send(`${greeting()} #${visits}`);
});
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`express-cjs: listening on http://127.0.0.1:${server.address().port}`);
});

// A CommonJS Express 5 app with webpack's module.hot: the server and the counter stay, the
// routes module is swapped when it (or what it requires) changes.
const express = require("express");

const counter = { visits: 0 };
let router = require("./routes")(counter);
const app = express();
app.use((request, response, next) => router(request, response, next));

if (module.hot) {
  module.hot.accept("./routes", () => {
    router = require("./routes")(counter);
  });
}

const server = app.listen(0, "127.0.0.1", () => {
  console.log(`express-cjs-hot: listening on http://127.0.0.1:${server.address().port}`);
});

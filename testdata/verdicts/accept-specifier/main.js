import { handle } from "./app.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(handle());

import.meta.hot?.accept("./app.js", (app) => {
  console.log("app updated", app.handle());
});

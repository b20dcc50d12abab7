import config from "./config.json" with { type: "json" };
import { describe } from "./lib.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(config.name, describe());

import.meta.hot?.accept("./config.json", (next) => {
  console.log("config updated", next?.default.name);
});

import { handle } from "./app.js";
import { connect } from "#db";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(handle(), connect());

import.meta.hot?.accept("./app.js");

import { serve } from "./app.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(serve());

import.meta.hot?.accept("./app.js");

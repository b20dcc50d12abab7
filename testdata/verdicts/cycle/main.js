import { a } from "./a.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(a());

import.meta.hot?.accept("./a.js");

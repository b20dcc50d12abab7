import { a } from "./a.js";
import { b } from "./b.js";
import { c } from "./c.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(a, b, c);

import.meta.hot?.accept(["./a.js", "./b.js"], ([newA, newB]) => {
  console.log("updated", newA?.a, newB?.b);
});

import { greet } from "./util.js";

const timer = setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(greet("world"));

if (import.meta.hot) {
  import.meta.hot.dispose(() => clearInterval(timer));
  import.meta.hot.accept();
}

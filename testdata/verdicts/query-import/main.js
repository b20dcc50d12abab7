// A query makes an instance of its own, which Node loads as it would without the runtime: the
// usual way to read a file afresh. settings.js is reached only that way, so it is not in the
// graph; lib.js is imported plainly too, so its edits are hot.
import { greet } from "./lib.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
const settings = await import("./settings.js?v=1");
const again = await import("./lib.js?fresh=1");
console.log(greet(settings.name), again.greet("again"));
import.meta.hot?.accept("./lib.js");

import { a } from "./a.js";

// b.js and a.js import each other; the walk ends at main.js, which accepts a.js.
export function b() {
  return typeof a;
}

import { shared } from "./shared.js";

export function left() {
  return `left ${shared}`;
}

import.meta.hot?.accept("./shared.js");

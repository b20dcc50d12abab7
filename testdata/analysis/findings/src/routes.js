import { bus } from "./bus.js";

export function routes(url) {
  return `route ${url}`;
}

// Each reload adds another timer and listeners: there is no dispose().
setInterval(() => bus.emit("tick"), 1000);
process.on("SIGUSR2", () => {});
bus.on("tick", () => {});

import.meta.hot?.accept();

import { shout } from "./lib/helpers.js";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files

// No boundary argument here: package.json's hotHook.boundaries makes this import() one.
export async function route() {
  const { list } = await import("./controllers/users.js");
  return shout(list());
}

console.log(await route());

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files

// hot-hook's boundary: the next import() after an update returns the new routes.js.
export async function route() {
  const { handler } = await import("./routes.js", import.meta.hot?.boundary);
  return handler();
}

console.log(await route());

// Settings read once by main.js, which does not accept this module: editing it restarts.
export const config = { name: "config v0" };

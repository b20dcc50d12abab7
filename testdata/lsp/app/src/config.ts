// Read once by main.ts, which does not accept it: an edit here restarts the app.
export const config = { name: "config v0" };

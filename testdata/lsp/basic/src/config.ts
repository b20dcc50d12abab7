// Read once by the entry, which does not accept it: an edit here restarts the app.
export const config = { port: 0 };

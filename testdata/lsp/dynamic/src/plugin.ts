// Imported only through a computed import() in main.ts.
export const greeting = "hello";

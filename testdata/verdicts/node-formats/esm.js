export const esm = "esm.js is an ES module: it exports";

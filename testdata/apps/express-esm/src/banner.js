export const banner = "express-esm banner v0";

export function greeting() {
  return "express-esm v0";
}

import { b } from "./b.js";

export function a() {
  return `a ${b()}`;
}

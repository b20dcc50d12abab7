import { util } from "./util.js";

export const helper = util(;

export function later() {
  return 1;
}

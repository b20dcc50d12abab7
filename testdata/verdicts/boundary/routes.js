import { find } from "./model.js";

export function handler() {
  return find(1);
}

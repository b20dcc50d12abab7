import { format } from "./../lib/format.js";

export function list() {
  return format({ id: 1, name: "ada" });
}

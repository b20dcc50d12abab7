import { format } from "./util.js";

export function handle() {
  return format("ok");
}

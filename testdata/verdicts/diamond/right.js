import { shared } from "./shared.js";
import { mid } from "./mid.js";

// This path to shared.js has no accept, so edits to shared.js restart the app.
export function right() {
  return `right ${shared} ${mid}`;
}

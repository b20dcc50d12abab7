import { config } from "./config.js";

export function serve() {
  return config.port;
}

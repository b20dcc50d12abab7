import type { Row } from "./types.js";

export function connect(): string {
  return "connected";
}

export function query(): Row[] {
  return [{ id: 1 }];
}

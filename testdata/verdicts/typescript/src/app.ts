import type { Row } from "./types.js";
import { query } from "#db";
import { format } from "@lib/format.js";

export function handle(): string {
  const rows: Row[] = query();
  return format(rows.length);
}

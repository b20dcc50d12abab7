// Options come from the query of the register module's URL:
// `--import "hotswap/register?ignore=<regexp>&silent&handlerTimeout=<ms>"`.
import { DEFAULT_HANDLER_TIMEOUT_MS } from "./handlers.js";

/**
 * Parses the register URL's query into { ignore: RegExp | null, silent: boolean,
 * handlerTimeoutMs: number }.
 */
export function parseOptions(registerUrl) {
  const query = new URL(registerUrl).searchParams;
  let ignore = null;
  const pattern = query.get("ignore");
  if (pattern !== null && pattern !== "") {
    try {
      ignore = new RegExp(pattern);
    } catch (error) {
      throw new TypeError(`hotswap/register: ignore is not a valid regular expression: ${error.message}`);
    }
  }
  const silentValue = query.get("silent");
  const silent = silentValue !== null && silentValue !== "false" && silentValue !== "0";
  let handlerTimeoutMs = DEFAULT_HANDLER_TIMEOUT_MS;
  const timeout = query.get("handlerTimeout");
  if (timeout !== null && timeout !== "") {
    handlerTimeoutMs = Number(timeout);
    if (!Number.isFinite(handlerTimeoutMs) || handlerTimeoutMs <= 0) {
      throw new TypeError(`hotswap/register: handlerTimeout must be a positive number of milliseconds, got "${timeout}"`);
    }
  }
  return { ignore, silent, handlerTimeoutMs };
}

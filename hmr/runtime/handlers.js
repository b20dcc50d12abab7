// Running the app's dispose, prune and accept handlers: each remembers where it was registered,
// and one that has not settled within the handler timeout (5 s unless ?handlerTimeout=<ms>) is
// abandoned with a HandlerTimeoutError that names that place, so that one stuck promise cannot
// keep every later update waiting.
import { errorLocation } from "./error-location.js";
import { SafePromise, promiseRace } from "./primordials.js";

/** Default time a dispose, prune or accept handler may take, in milliseconds. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 5000;

/** A handler and the place (an Error made at registration) that registered it. */
export class Registration {
  /**
   * @param {"dispose" | "prune" | "accept"} kind
   * @param {Function} callback
   */
  constructor(kind, callback) {
    this.kind = kind;
    this.callback = callback;
    // The stack is formatted (and source-mapped) only if the handler times out.
    this.site = new Error(`${kind} handler registered here`);
  }
}

/** A handler that did not settle in time; `location` is where it was registered. */
export class HandlerTimeoutError extends Error {
  constructor(kind, timeoutMs, location) {
    super(`${kind === "accept" ? "an" : "a"} ${kind} handler has not settled after ${timeoutMs}ms`);
    this.name = "HandlerTimeoutError";
    this.kind = kind;
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}

/**
 * Calls `registration.callback(...args)` and waits for it, at most `timeoutMs`. Throws what the
 * handler throws, or HandlerTimeoutError; the handler itself cannot be stopped and may settle
 * later, which is then ignored.
 */
export async function runHandler(registration, args, timeoutMs, fallbackFile) {
  const result = registration.callback(...args);
  if (!result || typeof result.then !== "function") return result;
  let timer;
  const timeout = new SafePromise((_, reject) => {
    timer = setTimeout(() => {
      reject(new HandlerTimeoutError(registration.kind, timeoutMs, errorLocation(registration.site, fallbackFile)));
    }, timeoutMs);
  });
  try {
    return await promiseRace([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the handlers of one instance newest first (dynohot's order), each awaited. Stops at the
 * first that throws or times out and throws that error.
 */
export async function runNewestFirst(registrations, args, timeoutMs, fallbackFile) {
  for (let index = registrations.length - 1; index >= 0; index -= 1) {
    await runHandler(registrations[index], args, timeoutMs, fallbackFile);
  }
}

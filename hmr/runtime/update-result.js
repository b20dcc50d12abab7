// UpdateResult, the outcome of one update: a tagged union on `type`, as the protocol has it
// (hmr/protocol/update_result.go is the Go side). The small constructors below build the part
// that depends on the outcome; runUpdate's `finish` adds paths, durationMs and ignored, and
// update-report.js drops the internal fields (chainRecords, repeated) before the result leaves.

/**
 * Where an error is: a 1-based line and column of the original source (error-location.js).
 * @typedef {{ message: string, file: string, line: number, column: number, stack?: string }} ErrorLocation
 */

/**
 * When an evaluation error happened: "dispose", "timeout" (a handler never settled) and
 * "rollback" leave the app in an unknown state, so it must restart.
 * @typedef {"evaluate" | "accept" | "dispose" | "timeout" | "rollback"} Phase
 */

/**
 * The outcome before `finish` adds the request's fields. `chainRecords` (the records of `chain`,
 * for the `[hot]` line) and `repeated` (a load failure told already) stay inside the runtime.
 * @typedef {{ chainRecords?: { path: string }[], repeated?: boolean } & (
 *     { type: "success", loaded: string[], reevaluated: string[] }
 *   | { type: "declined", declined: string, chain: string[] }
 *   | { type: "unaccepted", chain: string[] }
 *   | { type: "syntaxError" | "linkError", error: ErrorLocation }
 *   | { type: "evaluationError", phase: Phase, error: ErrorLocation })} UpdateOutcome
 */

/**
 * What every update request resolves with and the driver receives (`updated`, `update`).
 * @typedef {{ paths: string[], durationMs: number, ignored: string[] } & (
 *     { type: "success", loaded: string[], reevaluated: string[] }
 *   | { type: "declined", declined: string, chain: string[] }
 *   | { type: "unaccepted", chain: string[] }
 *   | { type: "syntaxError" | "linkError", error: ErrorLocation }
 *   | { type: "evaluationError", phase: Phase, error: ErrorLocation })} UpdateResult
 */

/**
 * The update applied: `loaded` modules ran for the first time, `reevaluated` ran again.
 * @param {string[]} loaded
 * @param {string[]} reevaluated
 * @returns {UpdateOutcome}
 */
export function success(loaded, reevaluated) {
  return { type: "success", loaded, reevaluated };
}

/**
 * A module on the way to a boundary declined the update (`import.meta.hot.decline()`).
 * @param {string} declined the declining module's path
 * @param {{ path: string }[]} chainRecords the records from the changed module to it
 * @returns {UpdateOutcome}
 */
export function declined(declined, chainRecords) {
  return { type: "declined", declined, chain: chainRecords.map((record) => record.path), chainRecords };
}

/**
 * No boundary accepts the change: `chainRecords` leads from the changed module to the root.
 * @param {{ path: string }[]} chainRecords
 * @returns {UpdateOutcome}
 */
export function unaccepted(chainRecords) {
  return { type: "unaccepted", chain: chainRecords.map((record) => record.path), chainRecords };
}

/**
 * A changed module does not compile ("syntaxError") or its imports do not resolve or link
 * ("linkError"); the old code keeps running. `repeated`: a retry failed as the last one did, so
 * the report stays quiet.
 * @param {"syntaxError" | "linkError"} type
 * @param {ErrorLocation} error
 * @param {boolean} [repeated]
 * @returns {UpdateOutcome}
 */
export function loadError(type, error, repeated = false) {
  return repeated ? { type, error, repeated: true } : { type, error };
}

/**
 * Code threw while the update ran (or, for "dispose", "timeout" and "rollback", the app is broken).
 * @param {Phase} phase
 * @param {ErrorLocation} error
 * @returns {UpdateOutcome}
 */
export function evaluationError(phase, error) {
  return { type: "evaluationError", phase, error };
}

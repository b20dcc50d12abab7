// Every UpdateResult is told: a `[hot]` line (stderr unless silent, `on("message")` listeners, a
// driver's `log`), an `updated` notification for updates the driver did not ask for, and a
// `restart` request to the driver when the update cannot be applied.
import { formatLocation } from "./error-location.js";
import { successLine } from "./messages.js";
import { describeChain } from "./propagate.js";

/**
 * Tells the outcome and returns the protocol's UpdateResult (without internal fields).
 * @param {import("./runtime.js").Runtime} runtime
 * @param {{ paths: Set<string>, origins: Set<string> }} request
 * @param {{ paths: string[], durationMs: number, ignored: string[] } & import("./update-result.js").UpdateOutcome} outcome
 * @returns {import("./update-result.js").UpdateResult}
 */
export function report(runtime, request, outcome) {
  const { chainRecords, repeated, ...result } = outcome;
  result.durationMs = Math.round(result.durationMs * 1000) / 1000;
  const messages = runtime.messages;
  const relativePath = (path) => runtime.displayPath(path);
  const supervised = runtime.driver !== null;
  const restart = (reason, message, chain) => {
    runtime.driver?.notify("restart", { reason, message, ...(chain ? { chain } : {}) });
  };
  const needsRestart = supervised ? "Asking the supervisor to restart." : "A restart is needed.";
  switch (result.type) {
    case "success":
      if (result.loaded.length + result.reevaluated.length > 0 || request.origins.has("invalidate")) {
        messages.info(successLine(result.loaded.length, result.reevaluated.length, result.durationMs));
      }
      break;
    case "declined": {
      const message = `${relativePath(result.declined)} declined the update (${describeChain(chainRecords, relativePath)}). ${needsRestart}`;
      messages.warn(message);
      restart("declined", message, result.chain);
      break;
    }
    case "unaccepted": {
      const message = `Update not accepted: ${describeChain(chainRecords, relativePath)}. ${needsRestart}`;
      messages.warn(message);
      const onlyInvalidated = request.paths.size === 0;
      restart(onlyInvalidated ? "invalidated" : "unaccepted", message, result.chain);
      break;
    }
    case "syntaxError":
      if (repeated) break; // The same error, retried by an unrelated change: said already.
      messages.error(`Syntax error at ${formatLocation(result.error, relativePath)}: ${firstLine(result.error.message)}. The old code keeps running.`);
      break;
    case "linkError":
      if (repeated) break;
      messages.error(`Link error at ${formatLocation(result.error, relativePath)}: ${firstLine(result.error.message)}. The old code keeps running.`);
      break;
    case "evaluationError":
      reportEvaluationError(result, messages, restart, supervised, relativePath);
      break;
  }
  const requestedByDriver = request.origins.has("driver");
  if (runtime.driver && !requestedByDriver) runtime.driver.notify("updated", result);
  return result;
}

function reportEvaluationError(result, messages, restart, supervised, relativePath) {
  const where = formatLocation(result.error, relativePath);
  const what = firstLine(result.error.message);
  if (result.phase === "evaluate") {
    messages.error(`Error evaluating ${where}: ${what}. Rolled back to the previous version; the file stays pending until fixed.`);
  } else if (result.phase === "accept") {
    messages.error(`An accept handler threw at ${where}: ${what}. The update passes on to its importers.`);
  } else {
    const next = supervised ? "restarting" : "a restart is needed, further updates are refused";
    let message;
    let reason = "disposeError";
    if (result.phase === "timeout") {
      reason = "handlerTimeout";
      message = `${what[0].toUpperCase()}${what.slice(1)} (registered at ${where}). The app's state is unknown; ${next}.`;
    } else if (result.phase === "rollback") {
      message = `Rolling back failed: the previous version threw at ${where}: ${what}. ${next[0].toUpperCase()}${next.slice(1)}.`;
    } else {
      message = `A dispose handler threw at ${where}: ${what}. The app's state is unknown; ${next}.`;
    }
    messages.error(message);
    restart(reason, message);
  }
}

function firstLine(text) {
  return String(text).split("\n")[0].replace(/\.$/, "");
}

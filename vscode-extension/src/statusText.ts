// Turns the server's hotswap/event stream into what the language status item shows. Kept free
// of the vscode module so it can be tested on plain Node.
import type { HotswapEvent } from "./events.ts";

/** What the status item says about one folder's app. */
export interface StatusView {
  /** Short text beside the item, e.g. "hot update 3 ms". */
  text: string;
  /** A longer line shown under it. */
  detail: string;
  severity: "information" | "warning" | "error";
  /** True while something is in progress (starting, restarting). */
  busy: boolean;
}

/** The view before the app was ever started. */
export const idleView: StatusView = {
  text: "idle",
  detail: "App not running",
  severity: "information",
  busy: false,
};

/** Formats a duration the way the status item and the update log show it. */
export function formatMs(ms: number): string {
  if (ms < 1) return "<1 ms";
  return `${Math.round(ms)} ms`;
}

/** Returns the view after an event; events that do not change the app's state keep the old one. */
export function nextView(previous: StatusView, event: HotswapEvent): StatusView {
  switch (event.kind) {
    case "status":
      return viewOfState(previous, event.state, event.text, event.entry);
    case "start":
      return { text: "starting", detail: event.text || "Starting the app…", severity: "information", busy: true };
    case "ready":
      return {
        text: "running",
        detail: `${event.ready.modules} modules loaded in ${formatMs(event.ready.durationMs)} (node ${event.ready.node})`,
        severity: "information",
        busy: false,
      };
    case "update":
      return viewOfUpdate(event);
    case "restart":
      return event.restart.ready
        ? { text: `restarted ${formatMs(event.restart.durationMs)}`, detail: event.text || restartDetail(event.restart), severity: "information", busy: false }
        : { text: "crashed", detail: event.text || "The app did not start again.", severity: "error", busy: false };
    case "crash":
      return { text: "crashed", detail: event.text || `The app exited with code ${event.exit.code}; save a file to start it again.`, severity: "error", busy: false };
    case "exit":
      return { ...idleView, detail: event.text || idleView.detail };
    default:
      return previous;
  }
}

function viewOfState(previous: StatusView, state: string, text: string, entry: string): StatusView {
  switch (state) {
    case "stopped":
      return idleView;
    case "starting":
      return { text: "starting", detail: text || `Starting ${entry}…`, severity: "information", busy: true };
    case "crashed":
      return { text: "crashed", detail: text || previous.detail, severity: "error", busy: false };
    default:
      // "running": keep a more telling text such as "hot update 3 ms" if one is shown.
      if (previous.severity === "information" && !previous.busy && previous.text !== "idle") return previous;
      return { text: "running", detail: text || `Running ${entry}`, severity: "information", busy: false };
  }
}

function viewOfUpdate(event: Extract<HotswapEvent, { kind: "update" }>): StatusView {
  const update = event.update;
  switch (update.type) {
    case "success":
      return { text: `hot update ${formatMs(update.durationMs)}`, detail: event.text || "Update applied.", severity: "information", busy: false };
    case "declined":
    case "unaccepted":
      return { text: "restarting", detail: event.text || `Restarting: ${update.chain.join(" → ")}`, severity: "information", busy: true };
    default:
      return {
        text: "update failed",
        detail: event.text || `${update.error.message} (${update.error.file}:${update.error.line}:${update.error.column})`,
        severity: "warning",
        busy: false,
      };
  }
}

function restartDetail(restart: { reason: string; durationMs: number; chain?: string[] }): string {
  const chain = restart.chain?.length ? `: ${restart.chain.join(" → ")}` : "";
  return `Restarted (${restart.reason}) in ${formatMs(restart.durationMs)}${chain}`;
}

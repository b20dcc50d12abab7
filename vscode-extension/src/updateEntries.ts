// The update log's data: one entry per hot update, restart or crash, built from hotswap/event
// notifications. Free of the vscode module so it can be tested on plain Node.
import type { ErrorLocation, HotswapEvent } from "./events.ts";

/** One line of the update log. */
export interface LogEntry {
  id: number;
  /** The workspace folder (URI) of the app. */
  folder: string;
  /** When it happened, as the server sent it (RFC 3339). */
  time: string;
  /** "hot", "restart", "crash", "syntax error", ... */
  outcome: string;
  /** True when the outcome is a failure a person should look at. */
  failed: boolean;
  /** The changed files (absolute paths). */
  files: string[];
  loaded: string[];
  reevaluated: string[];
  durationMs?: number;
  /** Where a new version failed, for a click to open. */
  error?: ErrorLocation;
  /** From the changed file to the module that made the update impossible. */
  chain: string[];
  /** The server's line for people. */
  text: string;
}

const outcomeOfType: Record<string, string> = {
  success: "hot",
  declined: "declined",
  unaccepted: "unaccepted",
  syntaxError: "syntax error",
  linkError: "link error",
  evaluationError: "evaluation error",
};

/** Builds the log entry an event deserves, or undefined for events that are not logged. */
export function entryOf(event: HotswapEvent, id: number): LogEntry | undefined {
  const base = { id, folder: event.folder, time: event.time, text: event.text, loaded: [], reevaluated: [], chain: [] };
  switch (event.kind) {
    case "update": {
      const update = event.update;
      const entry: LogEntry = {
        ...base,
        outcome: outcomeOfType[update.type] ?? update.type,
        failed: update.type !== "success",
        files: update.paths,
        durationMs: update.durationMs,
      };
      if (update.type === "success") {
        entry.loaded = update.loaded;
        entry.reevaluated = update.reevaluated;
      } else if (update.type === "declined" || update.type === "unaccepted") {
        entry.chain = update.chain;
      } else {
        entry.error = update.error;
        if (update.type === "evaluationError") entry.outcome += ` (${update.phase})`;
      }
      return entry;
    }
    case "restart":
      return {
        ...base,
        outcome: event.restart.ready ? `restart (${event.restart.reason})` : `restart failed (${event.restart.reason})`,
        failed: !event.restart.ready,
        files: event.restart.paths ?? [],
        durationMs: event.restart.durationMs,
        chain: event.restart.chain ?? [],
      };
    case "crash":
      return {
        ...base,
        outcome: event.exit.signal ? `crash (${event.exit.signal})` : `crash (exit ${event.exit.code})`,
        failed: true,
        files: [],
        durationMs: event.exit.uptimeMs,
      };
    default:
      return undefined;
  }
}

/** Keeps the newest entries first, at most `limit` of them. */
export class UpdateLog {
  private entries: LogEntry[] = [];
  private nextId = 1;
  private readonly limit: number;

  constructor(limit = 200) {
    this.limit = limit;
  }

  /** Adds the event's entry if it has one, returning it. */
  add(event: HotswapEvent): LogEntry | undefined {
    const entry = entryOf(event, this.nextId);
    if (!entry) return undefined;
    this.nextId++;
    this.entries.unshift(entry);
    if (this.entries.length > this.limit) this.entries.length = this.limit;
    return entry;
  }

  /** The entries, newest first. */
  list(): readonly LogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

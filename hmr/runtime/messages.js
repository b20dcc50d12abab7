// The `[hot]` lines: written to stderr unless ?silent, always given to `import.meta.hot.on`
// listeners and to a connected driver as `log` notifications.

/** Collects and fans out the runtime's messages. */
export class Messages {
  constructor(silent) {
    this.silent = silent;
    /** Listeners from every live instance's `on("message")`, and the control channel. */
    this.sinks = new Set();
  }

  info(message) {
    this.emit("info", message);
  }

  warn(message) {
    this.emit("warn", message);
  }

  error(message) {
    this.emit("error", message);
  }

  /** Writes to stderr even when silent: for problems the user must see (no driver). */
  alert(message) {
    process.stderr.write(`[hot] ${message}\n`);
    this.emit("warn", message, { toStderr: false });
  }

  /** A start-up failure: on stderr even when silent, and to listeners as an error. */
  fatal(message) {
    process.stderr.write(`[hot] ${message}\n`);
    this.emit("error", message, { toStderr: false });
  }

  emit(level, message, { toStderr = !this.silent } = {}) {
    if (toStderr) process.stderr.write(`[hot] ${message}\n`);
    for (const sink of this.sinks) {
      try {
        sink(level, message);
      } catch {
        // A listener that throws must not stop the others or the update.
      }
    }
  }
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `Loaded 1 new module, reevaluated 2 existing modules in 3ms.` */
export function successLine(loaded, reevaluated, durationMs) {
  return `Loaded ${plural(loaded, "new module")}, reevaluated ${plural(reevaluated, "existing module")} in ${Math.round(durationMs)}ms.`;
}

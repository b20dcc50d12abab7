// The messages `hotswap lsp` sends besides standard LSP, as one shared TypeScript definition.
// lsp/PROTOCOL.md describes when each is sent; the Go side (hmr/session) writes exactly these
// shapes, and the fixtures in testdata/lsp/events/ hold both sides to them. Paths are absolute file-system paths unless a field says "relative".

/** Settings of the section "hotswap" (initializationOptions, or didChangeConfiguration's
 * `settings.hotswap`). Every field is optional; the defaults are given beside each. */
export interface HotswapSettings {
  /** Entry file(s), relative to the workspace folder. Default: guessed from package.json. */
  entry?: string | string[];
  /** The node binary that runs the app. Default: "node" from PATH. */
  nodePath?: string;
  /** Extra node arguments, put before --import (for example ["--enable-source-maps"]). */
  nodeArgs?: string[];
  /** Arguments passed to the app after the entry. Default: none. */
  args?: string[];
  /** The runtime's register.js (or its directory). Default: found as `hotswap run` finds it. */
  runtime?: string;
  /** "always": every save of a file pushes the update to the running app (default).
   * "manual": saves are collected and pushed by the command hotswap.push. */
  onSave?: "always" | "manual";
  codeLens?: { enabled?: boolean }; // default true
  inlayHints?: { enabled?: boolean }; // default true
  hover?: { enabled?: boolean }; // default true
}

/** The runtime's UpdateResult (hmr/PROTOCOL.md), a union tagged by `type`. */
export type UpdateResult =
  | (UpdateBase & { type: "success"; loaded: string[]; reevaluated: string[] })
  | (UpdateBase & { type: "declined"; declined: string; chain: string[] })
  | (UpdateBase & { type: "unaccepted"; chain: string[] })
  | (UpdateBase & { type: "syntaxError" | "linkError"; error: ErrorLocation })
  | (UpdateBase & { type: "evaluationError"; error: ErrorLocation; phase: "evaluate" | "accept" | "dispose" });

export interface UpdateBase {
  /** The changed files. */
  paths: string[];
  /** From the first change seen to the result, in milliseconds. */
  durationMs: number;
  /** Changed files that are not in the running graph. */
  ignored: string[];
}

/** Where a new version failed; line and column are 1-based, in the original source. */
export interface ErrorLocation {
  message: string;
  file: string;
  line: number;
  column: number;
  stack?: string;
}

/** Fields every `hotswap/event` carries. */
export interface EventBase {
  /** The workspace folder (URI) whose app this is. */
  folder: string;
  /** When it happened, RFC 3339. */
  time: string;
  /** The app's process id, when one is concerned. */
  pid?: number;
  /** One line a person reads, the same as `hotswap run` prints; "" when the event needs none. */
  text: string;
}

/** A node process was spawned. */
export interface StartEvent extends EventBase { kind: "start"; }

/** The runtime evaluated the entry. */
export interface ReadyEvent extends EventBase {
  kind: "ready";
  ready: { pid: number; node: string; entry: string; modules: number; durationMs: number };
}

/** An update finished, hot or not. Failed updates also become diagnostics (source "hotswap run"). */
export interface UpdateEvent extends EventBase { kind: "update"; update: UpdateResult; }

/** The app was started again; `ready` is false when the new process did not report ready. */
export interface RestartEvent extends EventBase {
  kind: "restart";
  restart: {
    /** unaccepted | declined | disposeError | invalidated (runtime), crashed | requested | noChannel (driver). */
    reason: string;
    message?: string;
    /** From the changed file to the module that made the update impossible. */
    chain?: string[];
    /** Where a dispose handler threw (reason "disposeError"). */
    error?: ErrorLocation;
    paths?: string[];
    durationMs: number;
    ready: boolean;
  };
}

/** How a process ended. */
export interface ExitInfo {
  code: number;
  signal?: string;
  beforeReady: boolean;
  uptimeMs: number;
}

/** The app ended on its own or failed to start; the next save restarts it. */
export interface CrashEvent extends EventBase { kind: "crash"; exit: ExitInfo; }

/** The app ended because it was stopped (hotswap.stop, shutdown). */
export interface ExitEvent extends EventBase { kind: "exit"; exit: ExitInfo; }

/** A [hot] line of the runtime. */
export interface LogEvent extends EventBase {
  kind: "log";
  log: { level: "info" | "warn" | "error"; message: string };
}

/** A chunk of the app's own stdout or stderr (the server's stdout is the LSP channel, so the
 * app's output arrives here instead), split into whole lines. */
export interface OutputEvent extends EventBase {
  kind: "output";
  stream: "stdout" | "stderr";
  /** One or more whole lines, each ending in "\n". */
  output: string;
}

/** The live graph was read from the runtime; lenses and hints now show it. */
export interface GraphEvent extends EventBase { kind: "graph"; modules: number; }

/** A problem of the driver itself (it keeps running). */
export interface ErrorEvent extends EventBase { kind: "error"; message: string; }

/** State of one folder's app, sent on every change of it (after start, ready, crash, exit). */
export interface StatusEvent extends EventBase {
  kind: "status";
  state: "stopped" | "starting" | "running" | "crashed";
  /** "live" while the runtime's graph is shown, else "static". */
  graph: "live" | "static";
  /** The entry, relative to the folder ("" when none is known). */
  entry: string;
}

/** Params of the notification `hotswap/event` (server -> client). */
export type HotswapEvent =
  | StartEvent
  | ReadyEvent
  | UpdateEvent
  | RestartEvent
  | CrashEvent
  | ExitEvent
  | LogEvent
  | OutputEvent
  | GraphEvent
  | ErrorEvent
  | StatusEvent;

/** Argument of every hotswap.* command (all fields optional). */
export interface CommandArgs {
  /** Workspace folder URI; default: the folder holding `uri`, else the first folder. */
  folder?: string;
  /** A document URI (hotswap.explain: the file to explain). */
  uri?: string;
  /** hotswap.start: `[host:]port` for node's inspector (`--inspect`), kept across restarts. */
  inspect?: string;
  /** hotswap.start with `inspect`: each process waits for a debugger to attach before it runs (`--inspect-wait`). */
  inspectWait?: boolean;
}

/** Result of hotswap.start, hotswap.restart and hotswap.stop. */
export interface AppStatus {
  folder: string;
  state: StatusEvent["state"];
  pid?: number;
  entry: string;
}

/**
 * One module of hotswap.showGraph's result. Paths are relative to the folder, with slashes; a
 * module the running app loaded from outside the folder is absolute (`/lib/x.ts`, `C:/lib/x.ts`).
 */
export interface GraphModule {
  path: string;
  verdict: "hot" | "restart" | "not-in-graph";
  acceptedBy?: string[];
  chain?: string[];
  entry?: boolean;
  dependencies: string[];
  dependents: string[];
  /** Dependencies this module accepts updates of. */
  accepts?: string[];
  selfAccept: boolean;
}

/** Result of hotswap.showGraph. */
export interface GraphView {
  folder: string;
  /** "live": the running app's graph; "static": the analysis's prediction. */
  source: "live" | "static";
  entries: string[];
  modules: GraphModule[];
  /** The same graph for Graphviz. */
  dot: string;
}

/** Result of hotswap.explain. */
export interface Explanation {
  /** Relative to the folder. */
  path: string;
  verdict: "hot" | "restart" | "not-in-graph";
  acceptedBy?: string[];
  chain?: string[];
  declined?: string;
  source: "live" | "static";
  /** Markdown a person reads. */
  markdown: string;
}

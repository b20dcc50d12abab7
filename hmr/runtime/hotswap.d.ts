// Public types of the `hotswap` package: the Hot class behind `import.meta.hot`, as dynohot
// documents it, plus hot-hook's `boundary`.

/** A module namespace object as an accept callback receives it. */
export type ModuleNamespace = Record<string, unknown>;

/** The `import.meta.hot` object of one module instance. */
export declare class Hot<Data extends Record<keyof any, unknown> = Record<keyof any, unknown>> {
  private constructor();

  /**
   * The object the previous instance's dispose handlers filled; undefined when this is the first
   * instance. Use it to hand over servers, pools and sockets.
   */
  readonly data?: Data;

  /**
   * Pass as the second argument of `import()` to make that dynamic import a boundary this module
   * accepts (hot-hook's API): `await import("./x.js", import.meta.hot?.boundary)`.
   */
  readonly boundary: ImportCallOptions;

  /** Accepts updates of this module: it is re-evaluated in place and its importers are not told. */
  accept(onUpdate?: (self: ModuleNamespace) => unknown): void;

  /** Accepts updates of the dependency `specifier`; `onUpdate` gets its new namespace. */
  accept(specifier: string, onUpdate?: (dependency: ModuleNamespace) => unknown): void;

  /** Accepts updates of the dependencies `specifiers`; `onUpdate` gets their namespaces. */
  accept(specifiers: readonly string[], onUpdate?: (dependencies: ModuleNamespace[]) => unknown): void;

  /** Marks this module as never updatable in place: an update that reaches it needs a restart. */
  decline(): void;

  /**
   * Runs `onDispose(data)` before this instance is replaced or pruned; what it stores in `data`
   * becomes the next instance's `import.meta.hot.data`.
   */
  dispose(onDispose: (data: Data) => unknown): void;

  /** Runs `onPrune()` when this module leaves the module graph. Returned promises are awaited. */
  prune(onPrune: () => unknown): void;

  /**
   * Asks for this module to be updated as if its file had changed. During an update it cancels
   * this module's self-accept; otherwise it schedules an update.
   */
  invalidate(): void;

  /** Listens to the runtime's messages (the `[hot]` lines, also when `?silent`). */
  on(event: "message", callback: (message: string, ...params: unknown[]) => void): () => void;
}

/** hot-hook's options (`hot.init`, or the `hotHook` key of package.json). */
export interface HotHookInitOptions {
  /** The root file (usually `import.meta.filename`); hot.dump() paths are relative to its folder. */
  root?: string;
  /** Where globs are resolved from; the root file's folder by default. */
  rootDirectory?: string;
  /** Globs of files whose dynamic import() is a boundary, as if imported with `import.meta.hot.boundary`. */
  boundaries?: string[];
  /** Globs of files that are never hot: Node loads them. */
  ignore?: string[];
  /** Globs of files whose change asks the parent for a full reload. Default `[".env"]`. */
  restart?: string[];
  /** False: file changes come from the parent over IPC (`hot-hook:file-changed`). Default: `HOT_HOOK_WATCH !== "false"`. */
  watch?: boolean;
  /** Accepted for hot-hook's users: a boundary imported statically is reported when it changes (`shouldBeReloadable`). */
  throwWhenBoundariesAreNotDynamicallyImported?: boolean;
  /** Called whenever the app asks for a full reload. */
  onFullReloadAsked?: () => void;
}

/** One module of hot.dump(), in hot-hook's shape. */
export interface HotHookDumpEntry {
  /** Relative to the root file's folder. */
  path: string;
  /** Some importer imports it dynamically as a boundary. */
  boundary: boolean;
  /** An edit to it is hot. */
  reloadable: boolean;
  /** How many times it was replaced. */
  version: number;
  dependencies: string[];
  dependents: string[];
}

/** hot-hook's API, for apps that install Hotswap as `"hot-hook": "npm:hotswap@…"`. */
export declare const hot: {
  init(options?: HotHookInitOptions): Promise<void>;
  dump(): Promise<HotHookDumpEntry[]>;
  dispose(url: string, callback: () => unknown): void;
  decline(url: string): void;
};

// The `hotswap` debug configuration and the JavaScript debugger's attach configuration it turns
// into. No VS Code API here, so the unit tests check it directly.

/** What a `hotswap` launch configuration may say (package.json's configurationAttributes). */
export interface HotswapLaunch {
  type: string;
  request: string;
  name: string;
  /** The inspector's port; default: a free one, picked at each start. */
  port?: number;
  /** Files the debugger never steps into. */
  skipFiles?: string[];
  /** Passed to the JavaScript debugger: true writes its log. */
  trace?: boolean;
  [key: string]: unknown;
}

/** The configuration F5 uses with no launch.json, and that "Add Configuration" writes. */
export const DEFAULT_LAUNCH: HotswapLaunch = { type: "hotswap", request: "launch", name: "Hotswap: debug app" };

/** The `node` attach configuration VS Code's JavaScript debugger reads. */
export interface AttachConfiguration {
  type: "node";
  request: "attach";
  name: string;
  address: string;
  port: number;
  [key: string]: unknown;
}

/** Marks attach configurations made from a `hotswap` one, with the folder whose app they started. */
export const HOTSWAP_MARK = "__hotswapFolder";

/** Fills an empty configuration (F5 without launch.json) and the launch's defaults. */
export function withDefaults(config: Partial<HotswapLaunch>): HotswapLaunch {
  if (!config.type && !config.request && !config.name) return { ...DEFAULT_LAUNCH };
  return { ...DEFAULT_LAUNCH, ...config } as HotswapLaunch;
}

/**
 * VS Code's built-in JavaScript debugger (`node` attach) on the app's inspector. `restart`
 * makes it attach again by itself after the app restarts (the inspector comes back on the same
 * port); `continueOnAttach` lets an app started with a paused inspector go on.
 */
export function attachConfiguration(launch: HotswapLaunch, host: string, port: number, folderUri: string): AttachConfiguration {
  return {
    type: "node",
    request: "attach",
    name: launch.name,
    address: host,
    port,
    restart: true,
    continueOnAttach: true,
    sourceMaps: true,
    skipFiles: launch.skipFiles ?? ["<node_internals>/**"],
    // js-debug's own log, for a debugger that does not attach.
    ...(launch.trace !== undefined ? { trace: launch.trace } : {}),
    [HOTSWAP_MARK]: folderUri,
  };
}

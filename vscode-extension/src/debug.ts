// Debugging the app: the `hotswap` debug type (F5) and the "Hotswap: Debug app" command start
// the app through the language server's driver with node's inspector on a port, then hand over
// to VS Code's built-in JavaScript debugger, which attaches there. The runtime gives every
// module version an inline source map, so breakpoints bind on original lines, also after hot
// updates; after a restart the debugger attaches again by itself. Ending the debug session
// stops the app.
import { get } from "node:http";
import { createServer } from "node:net";
import * as vscode from "vscode";
import { registerReporting } from "./commands.ts";
import { attachConfiguration, DEFAULT_LAUNCH, HOTSWAP_MARK, withDefaults, type HotswapLaunch } from "./debugConfig.ts";
import type { Session, SessionViews } from "./session.ts";

const HOST = "127.0.0.1";

/** A loopback port free a moment ago, for the inspector. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Resolves once node's inspector answers on port; rejects if starting fails first or after 30s. */
async function inspectorListening(port: number, starting: Promise<unknown>): Promise<void> {
  let failure: unknown;
  starting.catch((error) => (failure = error ?? new Error("hotswap.start failed")));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (failure) throw failure;
    if (await answers(port)) return;
    if (Date.now() > deadline) throw new Error(`the app's inspector did not listen on ${HOST}:${port} within 30s (see the Hotswap App output)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host: HOST, port, path: "/json/version", timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

class HotswapDebugProvider implements vscode.DebugConfigurationProvider {
  private readonly session: Session;
  private readonly views: SessionViews;

  constructor(session: Session, views: SessionViews) {
    this.session = session;
    this.views = views;
  }

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [{ ...DEFAULT_LAUNCH }];
  }

  /**
   * Starts the app with the inspector on (a running app is stopped first: it has none) and
   * returns the attach configuration that takes the launch's place. This happens here, not after
   * variable substitution: VS Code hands a configuration whose type changed to that type's
   * resolver (js-debug's) only at this stage.
   *
   * Each process waits for the debugger before it runs (--inspect-wait), so breakpoints set
   * before the start stop, in start-up code too. hotswap.start answers only once the app is
   * ready, after the debugger attached: the attach configuration goes back as soon as the
   * inspector listens.
   */
  async resolveDebugConfiguration(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    const launch = withDefaults(config as Partial<HotswapLaunch>);
    const target = folder ?? vscode.workspace.workspaceFolders?.[0];
    if (!target) throw new Error("open a folder with the app to debug it");
    const folderUri = target.uri.toString();
    const port = typeof launch.port === "number" && launch.port > 0 ? launch.port : await freePort();
    await this.session.execute("hotswap.stop", { folder: folderUri });
    const { output } = this.views;
    const starting = this.session.execute("hotswap.start", { folder: folderUri, inspect: `${HOST}:${port}`, inspectWait: true });
    starting.then(
      (status) => output.appendLine(`hotswap.start (debug, inspector on ${HOST}:${port}): ${status.state}${status.pid ? ` (pid ${status.pid})` : ""} ${status.entry}`),
      () => undefined,
    );
    await inspectorListening(port, starting);
    return attachConfiguration(launch, HOST, port, folderUri);
  }
}

/** Registers the `hotswap` debug type and the Debug app command. */
export function registerDebugging(session: Session, views: SessionViews): vscode.Disposable[] {
  const provider = new HotswapDebugProvider(session, views);
  const run = (name: string, action: () => Promise<unknown>) => registerReporting(views, name, action);
  return [
    vscode.debug.registerDebugConfigurationProvider("hotswap", provider, vscode.DebugConfigurationProviderTriggerKind.Initial),
    // The Run and Debug view's list offers it too; VS Code calls every provider's resolve, so
    // this one provides only.
    vscode.debug.registerDebugConfigurationProvider(
      "hotswap",
      { provideDebugConfigurations: () => provider.provideDebugConfigurations() },
      vscode.DebugConfigurationProviderTriggerKind.Dynamic,
    ),
    run("hotswap.debugApp", async () => {
      const document = vscode.window.activeTextEditor?.document;
      const folder = (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
      await vscode.debug.startDebugging(folder, { ...DEFAULT_LAUNCH });
    }),
    // Stopping the debugger stops the app it started; the attach session outlives restarts.
    vscode.debug.onDidTerminateDebugSession((debugSession) => {
      const folder = debugSession.configuration[HOTSWAP_MARK];
      // js-debug's child session per process ends at each restart; only the parent's end counts.
      if (typeof folder !== "string" || debugSession.parentSession || debugSession.configuration.__pendingTargetId) return;
      session.execute("hotswap.stop", { folder }).catch((error) => views.output.appendLine(`hotswap.stop after debugging: ${error}`));
    }),
  ];
}

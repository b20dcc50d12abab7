// One run of the language server: finds the binary, picks the runtime, starts the client and
// routes its hotswap/event notifications to the status item, the update log and the graph.
import path from "node:path";
import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient, NotificationType } from "vscode-languageclient/node";
import { createClient } from "./client.ts";
import type { CommandArgs, GraphView, HotswapEvent } from "./events.ts";
import { hotswapEvent, type HotswapEventParams, type ServerCommand, type ServerCommandResults, serverCommands } from "./lsp_ext.ts";
import type { GraphPanel } from "./graphPanel.ts";
import { chooseRuntime } from "./runtimeLocation.ts";
import { findServer } from "./server.ts";
import { serverPathSetting, serverSettings } from "./settings.ts";
import type { StatusItem } from "./status.ts";
import type { UpdateLogView } from "./updateLog.ts";

/** The parts of the UI a session feeds. */
export interface SessionViews {
  output: vscode.LogOutputChannel;
  /** The app's own stdout and stderr, as it printed them. */
  appOutput: vscode.OutputChannel;
  /** The LSP traffic, while hotswap.trace.server is on. */
  trace: vscode.LogOutputChannel;
  status: StatusItem;
  log: UpdateLogView;
  graph: GraphPanel;
}

/** Owns the language client; start() and stop() may be called again after a settings change. */
export class Session implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private problem: string | undefined;
  private graphRefresh: NodeJS.Timeout | undefined;
  private restarting: Promise<void> = Promise.resolve();
  private readonly extensionDir: string;
  private readonly views: SessionViews;

  constructor(extensionDir: string, views: SessionViews) {
    this.extensionDir = extensionDir;
    this.views = views;
  }

  /** Finds and starts the server; a missing server is reported with its fix, not thrown. */
  async start(): Promise<void> {
    const { output, status } = this.views;
    status.setServer({ text: "starting server", detail: "Starting hotswap lsp…", severity: "information", busy: true });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
    let server;
    try {
      server = await findServer({
        settingPath: serverPathSetting(),
        baseDir: folder,
        extensionDir: this.extensionDir,
        envPath: process.env.PATH ?? "",
        platform: process.platform,
        arch: process.arch,
      });
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      output.appendLine(this.problem);
      status.setServer({ text: "server missing", detail: this.problem, severity: "error", busy: false });
      const fixIt = "Open Settings";
      // The message names every place tried and ends with the fix.
      void vscode.window.showErrorMessage(this.problem, fixIt).then((choice) => {
        if (choice === fixIt) void vscode.commands.executeCommand("workbench.action.openSettings", "hotswap.server.path");
      });
      return;
    }
    const entry = serverSettings().entry;
    const entryDir = typeof entry === "string" && entry !== "" ? path.dirname(path.resolve(folder, entry)) : folder;
    const runtime = chooseRuntime([entryDir, folder], this.extensionDir);
    const runtimeText =
      runtime.source === "project"
        ? `the project's own ${runtime.packageDir} (found by the server)`
        : `${runtime.register ?? "found by the server"} (${runtime.source})`;
    output.appendLine(`hotswap ${server.version} at ${server.path} (${server.source}); runtime: ${runtimeText}`);
    const client = createClient(server, runtime, output, this.views.trace, {
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === serverCommands.showGraph && result) this.views.graph.show(result as GraphView);
        return result;
      },
    });
    client.onNotification(new NotificationType<HotswapEventParams>(hotswapEvent), (event) => {
      try {
        this.onEvent(event);
      } catch (error) {
        // A malformed event is reported and dropped; the views keep what they had.
        output.error(`hotswap/event not understood (${error instanceof Error ? error.message : error}): ${JSON.stringify(event)}`);
      }
    });
    try {
      await client.start();
    } catch (error) {
      await client.dispose(2000).catch(() => undefined);
      this.problem = `hotswap lsp failed to start: ${error instanceof Error ? error.message : String(error)}`;
      output.appendLine(this.problem);
      status.setServer({ text: "server failed", detail: this.problem, severity: "error", busy: false });
      return;
    }
    this.client = client;
    this.problem = undefined;
    status.setServer(undefined);
  }

  /** Stops the server and starts a new one; calls made meanwhile wait their turn. */
  restart(): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      await this.stop();
      await this.start();
    });
    return this.restarting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Stopping the server stops its apps.
    this.views.status.clearApps();
    if (client) await client.stop(5000).catch(() => undefined);
  }

  /** Runs a server command (hotswap.start, ...); throws a clear error while no server runs. */
  async execute<C extends ServerCommand>(command: C, args: CommandArgs): Promise<ServerCommandResults[C]> {
    if (!this.client) {
      throw new Error(this.problem ?? "Hotswap's language server is not running yet.");
    }
    return (await this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as ServerCommandResults[C];
  }

  private onEvent(event: HotswapEvent): void {
    const { output, appOutput, status, log, graph } = this.views;
    if (event.kind === "output") {
      appOutput.append(event.output);
      return;
    }
    if (event.text) output.appendLine(`[${event.kind}] ${event.text}`);
    status.onEvent(event);
    log.onEvent(event);
    graph.onEvent(event);
    if (graph.isOpen && graph.folder === event.folder && ["update", "graph", "status"].includes(event.kind)) {
      // Updates come in bursts; redraw once the burst is over.
      clearTimeout(this.graphRefresh);
      this.graphRefresh = setTimeout(() => {
        this.execute(serverCommands.showGraph, { folder: event.folder })
          .then((view) => graph.show(view))
          .catch((error) => output.appendLine(`graph refresh failed: ${error}`));
      }, 200);
    }
  }

  dispose(): void {
    clearTimeout(this.graphRefresh);
    void this.stop();
  }
}

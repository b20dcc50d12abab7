// The extension's entry point: wires the output channel, status item, update log, graph panel
// and commands to one language server session.
import * as vscode from "vscode";
import { folderRelative, registerCommands } from "./commands.ts";
import { registerDebugging } from "./debug.ts";
import { GraphPanel } from "./graphPanel.ts";
import { Session } from "./session.ts";
import { needsServerRestart } from "./settings.ts";
import { StatusItem } from "./status.ts";
import { TraceChannel } from "./traceChannel.ts";
import { UpdateLogView } from "./updateLog.ts";

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const views = {
    output: vscode.window.createOutputChannel("Hotswap", { log: true }),
    appOutput: vscode.window.createOutputChannel("Hotswap App"),
    trace: new TraceChannel("Hotswap LSP Trace"),
    status: new StatusItem(),
    log: new UpdateLogView(),
    graph: new GraphPanel(context.extensionUri),
  };
  const current = new Session(context.extensionPath, views);
  session = current;
  context.subscriptions.push(
    views.output,
    views.appOutput,
    views.trace,
    views.status,
    views.log,
    views.graph,
    current,
    ...registerCommands(current, views),
    ...registerDebugging(current, views),
    // The graph shows the chain of the file being edited.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const folder = views.graph.folder;
      if (!editor || !folder || editor.document.uri.scheme !== "file") return;
      views.graph.select(folderRelative(folder, editor.document.uri.fsPath));
    }),
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (needsServerRestart(change)) void current.restart();
    }),
  );
  await current.start();
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}

// The palette commands. Each one that drives the app sends the matching server command
// (hotswap.start, ...) for the folder of the active editor, and turns failures into messages.
import path from "node:path";
import * as vscode from "vscode";
import type { CommandArgs, GraphView } from "./events.ts";
import { serverCommands } from "./lsp_ext.ts";
import type { Session, SessionViews } from "./session.ts";

/** The folder and document the active editor points at, as the server's CommandArgs. */
export function activeArgs(): CommandArgs {
  const document = vscode.window.activeTextEditor?.document;
  const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : vscode.workspace.workspaceFolders?.[0];
  const args: CommandArgs = {};
  if (folder) args.folder = folder.uri.toString();
  if (document && document.uri.scheme === "file") args.uri = document.uri.toString();
  return args;
}

/**
 * Registers command `name`; a failure of `action` goes to the output channel and an error
 * message instead of being lost.
 */
export function registerReporting(views: SessionViews, name: string, action: () => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(name, async () => {
    try {
      await action();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      views.output.appendLine(`${name}: ${message}`);
      void vscode.window.showErrorMessage(`Hotswap: ${message}`);
    }
  });
}

/** Registers every command of package.json. */
export function registerCommands(session: Session, views: SessionViews): vscode.Disposable[] {
  const run = (name: string, action: () => Promise<unknown>) => registerReporting(views, name, action);
  const appCommand = (server: typeof serverCommands.start | typeof serverCommands.stop | typeof serverCommands.restart) => async () => {
    const status = await session.execute(server, activeArgs());
    views.output.appendLine(`${server}: ${status.state}${status.pid ? ` (pid ${status.pid})` : ""} ${status.entry}`);
  };
  return [
    run("hotswap.startApp", appCommand(serverCommands.start)),
    run("hotswap.stopApp", appCommand(serverCommands.stop)),
    run("hotswap.restartApp", appCommand(serverCommands.restart)),
    run("hotswap.pushUpdates", () => session.execute(serverCommands.push, activeArgs())),
    run("hotswap.openGraph", async () => {
      const args = activeArgs();
      const graph = await session.execute(serverCommands.showGraph, args);
      views.graph.show(graph, selectedPath(graph, args));
    }),
    run("hotswap.explainFile", async () => {
      const args = activeArgs();
      if (!args.uri) throw new Error("open a JavaScript or TypeScript file of the workspace to explain it");
      // The server also shows the explanation with window/showMessage.
      const explanation = await session.execute(serverCommands.explain, args);
      views.output.appendLine(explanation.markdown);
    }),
    run("hotswap.showUpdateLog", () => views.log.reveal()),
    run("hotswap.clearUpdateLog", async () => views.log.clear()),
    run("hotswap.showOutput", async () => views.output.show(true)),
    run("hotswap.showAppOutput", async () => views.appOutput.show(true)),
    run("hotswap.restartServer", () => session.restart()),
  ];
}

/** A file's path relative to a workspace folder (given by its URI), with forward slashes, as the graph names modules. */
export function folderRelative(folderUri: string, fsPath: string): string {
  return path.relative(vscode.Uri.parse(folderUri).fsPath, fsPath).split(path.sep).join("/");
}

/** The active document's path relative to the graph's folder, if it is in the graph. */
function selectedPath(graph: GraphView, args: CommandArgs): string | undefined {
  if (!args.uri) return undefined;
  const relative = folderRelative(graph.folder, vscode.Uri.parse(args.uri).fsPath);
  return graph.modules.some((module) => module.path === relative) ? relative : undefined;
}

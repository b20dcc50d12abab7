// The "Updates" tree of the Hotswap panel: one entry per hot update, restart or crash, newest
// first, with the files, the modules loaded and re-evaluated, the duration and the outcome. A
// click on a failed entry opens the file and line of its error.
import path from "node:path";
import * as vscode from "vscode";
import type { ErrorLocation, HotswapEvent } from "./events.ts";
import { formatMs } from "./statusText.ts";
import { UpdateLog, type LogEntry } from "./updateEntries.ts";

/** The view's id in package.json. */
export const updateLogViewId = "hotswap.updateLog";

type Node =
  | { kind: "entry"; entry: LogEntry }
  | { kind: "group"; label: string; files: string[]; folder: string }
  | { kind: "file"; file: string; folder: string; description?: string }
  | { kind: "error"; error: ErrorLocation };

/** Feeds the tree from hotswap/event notifications. */
export class UpdateLogView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly log = new UpdateLog();
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;

  constructor() {
    this.view = vscode.window.createTreeView(updateLogViewId, { treeDataProvider: this, showCollapseAll: true });
    this.view.message = "No updates yet: start the app and save a file.";
  }

  /** Adds the event's entry, if it has one. */
  onEvent(event: HotswapEvent): void {
    const entry = this.log.add(event);
    if (!entry) return;
    this.view.message = undefined;
    this.view.badge = entry.failed ? { value: 1, tooltip: `Last update: ${entry.outcome}` } : undefined;
    this.changed.fire(undefined);
  }

  clear(): void {
    this.log.clear();
    this.changed.fire(undefined);
  }

  /** Shows the panel. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${updateLogViewId}.focus`);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.log.list().map((entry) => ({ kind: "entry", entry }));
    if (node.kind === "group") return node.files.map((file) => ({ kind: "file", file, folder: node.folder }));
    if (node.kind !== "entry") return [];
    const { entry } = node;
    const children: Node[] = [];
    if (entry.error) children.push({ kind: "error", error: entry.error });
    const groups: Array<[string, string[]]> = [
      ["changed", entry.files],
      ["loaded", entry.loaded],
      ["re-evaluated", entry.reevaluated],
      ["chain", entry.chain],
    ];
    for (const [label, files] of groups) {
      if (files.length > 0) children.push({ kind: "group", label: `${label} (${files.length})`, files, folder: entry.folder });
    }
    return children;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case "entry":
        return entryItem(node.entry);
      case "group": {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.files.map((file) => path.basename(file)).join(", ");
        return item;
      }
      case "file": {
        const item = new vscode.TreeItem(vscode.Uri.file(node.file), vscode.TreeItemCollapsibleState.None);
        item.description = relativeTo(node.folder, node.file);
        item.command = { title: "Open", command: "vscode.open", arguments: [vscode.Uri.file(node.file)] };
        return item;
      }
      case "error": {
        const item = new vscode.TreeItem(node.error.message, vscode.TreeItemCollapsibleState.None);
        item.description = `${path.basename(node.error.file)}:${node.error.line}:${node.error.column}`;
        item.iconPath = new vscode.ThemeIcon("error");
        item.tooltip = node.error.stack ?? node.error.message;
        item.command = openErrorCommand(node.error);
        return item;
      }
    }
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

function entryItem(entry: LogEntry): vscode.TreeItem {
  const files = entry.files.map((file) => path.basename(file)).join(", ") || entry.text || entry.outcome;
  const item = new vscode.TreeItem(`${clock(entry.time)}  ${files}`, vscode.TreeItemCollapsibleState.Collapsed);
  const counts =
    entry.outcome === "hot" ? ` · ${entry.loaded.length} loaded, ${entry.reevaluated.length} re-evaluated` : "";
  item.description = `${entry.outcome}${entry.durationMs === undefined ? "" : ` · ${formatMs(entry.durationMs)}`}${counts}`;
  item.tooltip = entry.text || item.description;
  item.iconPath = new vscode.ThemeIcon(entry.failed ? "error" : entry.outcome === "hot" ? "flame" : "debug-restart");
  item.contextValue = entry.failed ? "failedUpdate" : "update";
  if (entry.error) item.command = openErrorCommand(entry.error);
  return item;
}

/** A command that opens a file with the cursor on the error's line and column. */
function openErrorCommand(error: ErrorLocation): vscode.Command {
  const position = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
  return {
    title: "Open error",
    command: "vscode.open",
    arguments: [vscode.Uri.file(error.file), { selection: new vscode.Range(position, position) }],
  };
}

function clock(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toLocaleTimeString(undefined, { hour12: false });
}

function relativeTo(folderUri: string, file: string): string {
  try {
    return path.relative(vscode.Uri.parse(folderUri).fsPath, file);
  } catch {
    return file;
  }
}

// The language status item: idle / running / "hot update 3 ms" / restarting / crashed, per
// workspace folder, showing the folder of the active editor.
import * as vscode from "vscode";
import type { HotswapEvent } from "./events.ts";
import { idleView, nextView, type StatusView } from "./statusText.ts";

/** Languages whose editors show the item. */
export const documentSelector: vscode.DocumentSelector = [
  { scheme: "file", language: "javascript" },
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "javascriptreact" },
  { scheme: "file", language: "typescriptreact" },
  { scheme: "file", language: "json" },
];

/** Keeps the item in step with the server's events. */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly views = new Map<string, StatusView>();
  private serverProblem: StatusView | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem("hotswap.status", documentSelector);
    this.item.name = "Hotswap";
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
    this.render();
  }

  /** Shows that the server is starting, or why it could not start. */
  setServer(problem: StatusView | undefined): void {
    this.serverProblem = problem;
    this.render();
  }

  /** Forgets every app's state (the server that ran them stopped). */
  clearApps(): void {
    this.views.clear();
    this.render();
  }

  /** Applies one hotswap/event. */
  onEvent(event: HotswapEvent): void {
    this.views.set(event.folder, nextView(this.views.get(event.folder) ?? idleView, event));
    this.render();
  }

  private render(): void {
    const view = this.serverProblem ?? this.currentView();
    this.item.text = `$(flame) Hotswap: ${view.text}`;
    this.item.detail = view.detail;
    this.item.busy = view.busy;
    this.item.severity =
      view.severity === "error"
        ? vscode.LanguageStatusSeverity.Error
        : view.severity === "warning"
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    // Each state offers the next useful step: start an idle app, read why one crashed.
    this.item.command =
      view.text === "idle"
        ? { title: "Start app", command: "hotswap.startApp" }
        : view.text === "crashed"
          ? { title: "Show app output", command: "hotswap.showAppOutput" }
          : { title: "Show log", command: "hotswap.showUpdateLog" };
  }

  private currentView(): StatusView {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const exact = folder && this.views.get(folder.uri.toString());
    if (exact) return exact;
    // With one app there is nothing to choose, even if the server spelled the folder URI differently.
    return this.views.size === 1 ? [...this.views.values()][0] : idleView;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

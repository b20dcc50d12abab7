// The module graph webview: hot and restart files told apart, boundaries marked, and the chain
// of the selected file. Clicking a module selects it; clicking a chain link opens the file.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { GraphView } from "./events.ts";
import { graphHtml } from "./graphHtml.ts";

/** Shows one graph panel at a time and redraws it when the graph or the selection changes. */
export class GraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: GraphView | undefined;
  private selected: string | undefined;

  /** True while the panel is open, so updates can refresh it. */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The folder (URI) whose graph is shown. */
  get folder(): string | undefined {
    return this.graph?.folder;
  }

  /** Selects a module (a path relative to the graph's folder) if the panel shows it. */
  select(relativePath: string): void {
    if (!this.panel || !this.graph?.modules.some((module) => module.path === relativePath)) return;
    if (relativePath === this.selected) return;
    this.selected = relativePath;
    this.render();
  }

  /** Opens or updates the panel; `selected` is a path relative to the graph's folder. */
  show(graph: GraphView, selected?: string): void {
    this.graph = graph;
    if (selected !== undefined) this.selected = selected;
    if (!this.panel) {
      // Focus stays in the editor, so files opened next open there, not over the graph.
      const where = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true };
      this.panel = vscode.window.createWebviewPanel("hotswap.graph", "Hotswap: module graph", where, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: { type: string; path: string }) => this.onMessage(message));
    }
    this.render();
    this.panel.reveal(undefined, true);
  }

  private render(): void {
    if (!this.panel || !this.graph) return;
    const nonce = randomBytes(16).toString("base64");
    this.panel.webview.html = graphHtml(this.graph, this.selected, nonce, this.panel.webview.cspSource);
  }

  private onMessage(message: { type: string; path: string }): void {
    if (!this.graph || typeof message.path !== "string") return;
    if (message.type === "select") {
      this.selected = message.path;
      this.render();
    } else if (message.type === "open") {
      const uri = vscode.Uri.joinPath(vscode.Uri.parse(this.graph.folder), message.path);
      void vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

// The module graph webview. It loads media/graph.js (the view shared with `hotswap graph
// --html`) once; later graphs and selections reach the page as messages, so zoom, pan, search
// and collapsed folders survive a refresh. Clicking a module opens the file.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import * as vscode from "vscode";
import type { GraphView, HotswapEvent } from "./events.ts";
import { graphHtml } from "./graphHtml.ts";
import { absoluteModulePath, type GraphPageData } from "./graphModel.ts";

/** Shows one graph panel at a time and sends it each new graph and selection. */
export class GraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: GraphView | undefined;
  private selected: string | undefined;
  /** The time of the last update each folder's app took, from hotswap/event. */
  private readonly updatedAt = new Map<string, string>();
  private readonly media: vscode.Uri;

  constructor(extensionUri: vscode.Uri) {
    this.media = vscode.Uri.joinPath(extensionUri, "media");
  }

  /** True while the panel is open, so updates can refresh it. */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The folder (URI) whose graph is shown. */
  get folder(): string | undefined {
    return this.graph?.folder;
  }

  /** Notes the time of each update, which the panel shows beside a live graph. */
  onEvent(event: HotswapEvent): void {
    if (event.kind === "update") this.updatedAt.set(event.folder, event.time);
  }

  /** Selects a module (a path relative to the graph's folder) if the panel shows it. */
  select(relativePath: string): void {
    if (!this.panel || !this.graph?.modules.some((module) => module.path === relativePath)) return;
    if (relativePath === this.selected) return;
    this.selected = relativePath;
    void this.panel.webview.postMessage({ type: "select", path: relativePath });
  }

  /** Opens or updates the panel; `selected` is a path relative to the graph's folder. */
  show(graph: GraphView, selected?: string): void {
    this.graph = graph;
    if (selected !== undefined) this.selected = selected;
    const data: GraphPageData = {
      graph,
      selected: this.selected,
      updatedAt: this.updatedAt.get(graph.folder),
      readAt: new Date().toISOString(),
    };
    if (this.panel) {
      void this.panel.webview.postMessage({ type: "graph", data });
    } else {
      // Focus stays in the editor, so files opened next open there, not over the graph.
      const where = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true };
      this.panel = vscode.window.createWebviewPanel("hotswap.graph", "Hotswap: module graph", where, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [this.media],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: { type: string; path: string }) => this.onMessage(message));
      const webview = this.panel.webview;
      const template = readFileSync(vscode.Uri.joinPath(this.media, "graph.html").fsPath, "utf8");
      const script = webview.asWebviewUri(vscode.Uri.joinPath(this.media, "graph.js")).toString();
      webview.html = graphHtml(template, data, randomBytes(16).toString("base64"), webview.cspSource, script);
    }
    this.panel.reveal(undefined, true);
  }

  private onMessage(message: { type: string; path: string }): void {
    if (!this.graph || typeof message.path !== "string") return;
    if (message.type === "select") {
      this.selected = message.path;
    } else if (message.type === "open") {
      this.selected = message.path;
      const absolute = absoluteModulePath(message.path);
      const uri = absolute !== null ? vscode.Uri.file(absolute) : vscode.Uri.joinPath(vscode.Uri.parse(this.graph.folder), message.path);
      void vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

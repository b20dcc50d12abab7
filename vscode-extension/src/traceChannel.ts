// The channel that shows the LSP traffic. The language client traces only while its channel's
// log level is Trace; this channel reports Trace exactly while the setting hotswap.trace.server
// is "messages" or "verbose", so that setting switches tracing on and off as users expect.
import * as vscode from "vscode";
import { section } from "./settings.ts";

const setting = "trace.server";

function levelFromSetting(): vscode.LogLevel {
  const value = vscode.workspace.getConfiguration(section).get<string>(setting, "off");
  return value === "off" ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
}

/** A LogOutputChannel over a plain output channel, its level driven by hotswap.trace.server. */
export class TraceChannel implements vscode.LogOutputChannel {
  readonly name: string;
  logLevel: vscode.LogLevel = levelFromSetting();
  private readonly channel: vscode.OutputChannel;
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;
  private readonly subscription: vscode.Disposable;

  constructor(name: string) {
    this.name = name;
    this.channel = vscode.window.createOutputChannel(name);
    this.subscription = vscode.workspace.onDidChangeConfiguration((change) => {
      if (!change.affectsConfiguration(`${section}.${setting}`)) return;
      this.logLevel = levelFromSetting();
      this.levelChanged.fire(this.logLevel);
    });
  }

  trace(message: string, ...args: unknown[]): void {
    if (this.logLevel <= vscode.LogLevel.Trace) this.write("trace", message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    if (this.logLevel <= vscode.LogLevel.Debug) this.write("debug", message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write("info", message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write("warning", message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write("error", error instanceof Error ? (error.stack ?? error.message) : error, args);
  }

  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    this.channel.show(typeof columnOrPreserveFocus === "boolean" ? columnOrPreserveFocus : preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.subscription.dispose();
    this.levelChanged.dispose();
    this.channel.dispose();
  }

  private write(level: string, message: string, args: unknown[]): void {
    const extra = args.length ? ` ${args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" ")}` : "";
    this.channel.appendLine(`${new Date().toISOString()} [${level}] ${message}${extra}`);
  }
}

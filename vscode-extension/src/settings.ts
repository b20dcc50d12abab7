// Reads the extension's settings (section "hotswap") and shapes what the language server gets.
import * as vscode from "vscode";
import type { HotswapSettings } from "./events.ts";

/** The settings section shared with the language server. */
export const section = "hotswap";

/** The setting hotswap.server.path, "" when unset. */
export function serverPathSetting(): string {
  return vscode.workspace.getConfiguration(section).get<string>("server.path", "");
}

/** The server's settings, sent as initializationOptions (later changes arrive through didChangeConfiguration). */
export function serverSettings(): HotswapSettings {
  const config = vscode.workspace.getConfiguration(section);
  const settings: HotswapSettings = {
    onSave: config.get<"always" | "manual">("onSave", "always"),
    nodeArgs: config.get<string[]>("nodeArgs", []),
    args: config.get<string[]>("args", []),
    codeLens: { enabled: config.get<boolean>("codeLens.enabled", true) },
    inlayHints: { enabled: config.get<boolean>("inlayHints.enabled", true) },
    hover: { enabled: config.get<boolean>("hover.enabled", true) },
  };
  const entry = config.get<string | string[]>("entry", "");
  if (entry.length > 0) settings.entry = entry;
  const nodePath = config.get<string>("nodePath", "");
  if (nodePath !== "") settings.nodePath = nodePath;
  const runtime = config.get<string>("runtime", "");
  if (runtime !== "") settings.runtime = runtime;
  return settings;
}

/** True when a configuration change needs a new server process (a different binary or runtime). */
export function needsServerRestart(change: vscode.ConfigurationChangeEvent): boolean {
  return ["server.path", "entry", "runtime"].some((key) => change.affectsConfiguration(`${section}.${key}`));
}

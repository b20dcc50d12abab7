// Builds the language client that runs `hotswap lsp` over stdio.
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from "vscode-languageclient/node";
import type { RuntimeChoice } from "./runtimeLocation.ts";
import type { FoundServer } from "./server.ts";
import { section, serverSettings } from "./settings.ts";
import { documentSelector } from "./status.ts";

/** The client's id: VS Code reads its trace level from the setting hotswap.trace.server. */
export const clientId = "hotswap";

/** Creates (but does not start) the client for a found server binary. */
export function createClient(
  server: FoundServer,
  runtime: RuntimeChoice,
  output: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
  middleware: Middleware,
): LanguageClient {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The driver's runtime lookup honours HOTSWAP_RUNTIME before anything else.
  if (runtime.register) env.HOTSWAP_RUNTIME = runtime.register;
  const serverOptions: ServerOptions = {
    command: server.path,
    args: ["lsp"],
    transport: TransportKind.stdio,
    options: { env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector as LanguageClientOptions["documentSelector"],
    synchronize: { configurationSection: section },
    initializationOptions: serverSettings(),
    outputChannel: output,
    traceOutputChannel: trace,
    middleware,
  };
  return new LanguageClient(clientId, "Hotswap", serverOptions, clientOptions);
}

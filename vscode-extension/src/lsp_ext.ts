// The server's own protocol in one place, as rust-analyzer's lsp_ext.ts has it: the method of
// every notification and the name and answer type of every workspace/executeCommand command
// that lsp/PROTOCOL.md defines. Types only and plain strings, so the unit tests load it without
// VS Code; session.ts turns them into vscode-languageclient's typed messages.
import type { AppStatus, Explanation, GraphView, HotswapEvent, UpdateResult } from "./events.ts";

/** The notification `hotswap/event` (server -> client) and its params. */
export const hotswapEvent = "hotswap/event";
export type HotswapEventParams = HotswapEvent;

/** The commands of workspace/executeCommand, by what they do. */
export const serverCommands = {
  start: "hotswap.start",
  stop: "hotswap.stop",
  restart: "hotswap.restart",
  push: "hotswap.push",
  showGraph: "hotswap.showGraph",
  explain: "hotswap.explain",
} as const;

/** The name of one server command. */
export type ServerCommand = (typeof serverCommands)[keyof typeof serverCommands];

/** What each server command answers. */
export interface ServerCommandResults {
  "hotswap.start": AppStatus;
  "hotswap.stop": AppStatus;
  "hotswap.restart": AppStatus;
  /** The update of the files saved since the last push; null when none was saved. */
  "hotswap.push": UpdateResult | null;
  "hotswap.showGraph": GraphView;
  "hotswap.explain": Explanation;
}

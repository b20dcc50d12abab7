// Entry: starts the server. It accepts updates of routes.ts, and names widgets.ts, which it
// does not import, so that accept takes nothing.
import { start } from "./server.ts";
import { config } from "./config.ts";
import { routes } from /*@hover*/"./routes.ts";
import { readFileSync } from "node:fs";

start(config, routes, readFileSync);

import.meta.hot?.accept(["./routes.ts", /*@hover*/"./widgets.ts"], () => {});

import http from "node:http";
import { routes } from "./routes.js";
import { helper } from "./broken.js";
import { gone } from "./missing.js";
import settings from "./settings.json" with { type: "json" };

const name = process.env.PLUGIN ?? "default";
const plugin = await import(`./plugins/${name}.js`);

http.createServer((req, res) => res.end(routes(req.url))).listen(0);
console.log(helper, gone, settings, plugin);

import.meta.hot?.accept(["./routes.js", "./other.js"]);

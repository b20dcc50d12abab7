import { serve } from "@hono/node-server";
import { app } from "./app.tsx";

serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`hono: listening on http://127.0.0.1:${info.port}`);
});

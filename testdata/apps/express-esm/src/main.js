import express from "express";
import { banner } from "./banner.js";
import { router } from "./routes.js";

const app = express();
app.use(router);
const server = app.listen(0, "127.0.0.1", () => {
  console.log(`${banner}: listening on http://127.0.0.1:${server.address().port}`);
});

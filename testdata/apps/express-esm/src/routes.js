// The routes are registered once; the handler calls greeting() through its live binding, so an
// edit to greeting.js is accepted here and the visit count survives it.
import { Router } from "express";
import { greeting } from "./greeting.js";

let visits = 0;

export const router = Router();
router.get("/", (_request, response) => {
  visits += 1;
  response.type("text/plain").send(`${greeting()} #${visits}`);
});

import.meta.hot?.accept("./greeting.js");

// The Hono app is built once; the route renders <Page> through the live binding, so an edit to
// page.tsx is accepted here and the visit count survives it.
import { Hono } from "hono";
import { Page } from "./page.tsx";

let visits = 0;

export const app = new Hono();
app.get("/", (c) => {
  visits += 1;
  return c.html(<Page visits={visits} />);
});

import.meta.hot?.accept("./page.tsx");

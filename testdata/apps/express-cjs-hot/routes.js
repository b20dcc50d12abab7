// The app's routes, in a router the entry mounts; the entry accepts this module, so an edit
// here or in what it requires swaps the router in place.
const { Router } = require("express");
const { greeting } = require("./greeting");

module.exports = function routes(counter) {
  const router = Router();
  router.get("/", (_request, response) => {
    counter.visits += 1;
    response.type("text/plain").send(`${greeting()} #${counter.visits}`);
  });
  return router;
};

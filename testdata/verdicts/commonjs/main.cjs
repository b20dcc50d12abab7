// A CommonJS app with webpack's module.hot (hmr/SEMANTICS.md section 8): the entry accepts its
// routes, the server accepts itself, and a declining module stops what reaches it.
let routes = require("./routes.cjs");
require("./server.cjs");
require("./legacy.cjs");

if (module.hot) {
  module.hot.accept("./routes.cjs", () => {
    routes = require("./routes.cjs");
  });
}
setInterval(() => routes.handle(), 1 << 30); // keeps the process alive while tests edit files

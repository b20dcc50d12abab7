// The runtime keeps the graph's order between updates instead of walking the whole graph each
// time (propagate.js graphOrder): an update that changes a module's imports must change the
// order the next update evaluates in, and modules that lose their last importer still leave.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

const lines = (app, count) => Promise.all(Array.from({ length: count }, () => app.next(/^> /, { stream: "stdout" })));

const router = (first, second) =>
  `import "./${first}.js"; import "./${second}.js"; console.log("> router ${first} ${second}"); import.meta.hot.accept(["./b.js", "./c.js"], () => {});`;

test("after an update swaps two imports, the next update evaluates in the new order", async () => {
  await withApp(
    {
      "main.js": `import "./router.js"; import.meta.hot.accept("./router.js"); setInterval(() => {}, 1000); console.log("> ready");`,
      "router.js": router("b", "c"),
      "b.js": `import "./d.js"; console.log("> b");`,
      "c.js": `import "./d.js"; console.log("> c");`,
      "d.js": `console.log("> d 1");`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 5), ["> d 1", "> b", "> c", "> router b c", "> ready"]);
      app.write("d.js", `console.log("> d 2");`);
      assert.deepEqual(await lines(app, 3), ["> d 2", "> b", "> c"]);
      app.write("router.js", router("c", "b"));
      assert.deepEqual(await lines(app, 1), ["> router c b"]);
      app.write("d.js", `console.log("> d 3");`);
      assert.deepEqual(await lines(app, 3), ["> d 3", "> c", "> b"]);
    },
  );
});

test("a module whose importer stops importing it leaves the graph; one still imported stays", async () => {
  await withApp(
    {
      "main.js": `import "./router.js"; import.meta.hot.accept("./router.js"); setInterval(() => {}, 1000); console.log("> ready");`,
      "router.js": router("b", "c"),
      "b.js": `import "./d.js"; console.log("> b"); import.meta.hot.prune(() => console.log("> b pruned"));`,
      "c.js": `import "./d.js"; console.log("> c"); import.meta.hot.prune(() => console.log("> c pruned"));`,
      "d.js": `console.log("> d"); import.meta.hot.prune(() => console.log("> d pruned"));`,
    },
    {},
    async (app) => {
      assert.deepEqual(await lines(app, 5), ["> d", "> b", "> c", "> router b c", "> ready"]);
      // Same imports: nothing leaves.
      app.write("router.js", router("b", "c").replace("> router", "> router again"));
      assert.deepEqual(await lines(app, 1), ["> router again b c"]);
      app.write("router.js", `import "./c.js"; console.log("> router c"); import.meta.hot.accept(["./c.js"], () => {});`);
      assert.deepEqual(await lines(app, 2), ["> router c", "> b pruned"]);
      app.write("d.js", `console.log("> d 2"); import.meta.hot.prune(() => console.log("> d pruned"));`);
      assert.deepEqual(await lines(app, 2), ["> d 2", "> c"]);
    },
  );
});

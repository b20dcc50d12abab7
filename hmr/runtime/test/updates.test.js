// Update propagation, dispose/data hand-over, accept callbacks and their order, prune,
// invalidate, decline and unaccepted chains.
import assert from "node:assert/strict";
import { renameSync } from "node:fs";
import { test } from "node:test";
import { withApp } from "./harness.js";

const KEEP_ALIVE = "setInterval(() => {}, 1000);";

test("an update propagates through non-accepting importers to the one that accepts", async () => {
  await withApp(
    {
      "main.js": `
        import { label } from "./middle.js";
        import.meta.hot.accept("./middle.js", () => console.log("> main sees", label));
        console.log("> main sees", label);
        ${KEEP_ALIVE}
      `,
      "middle.js": `import { leaf } from "./leaf.js"; import { stable } from "./stable.js"; export const label = leaf + "/" + stable; console.log("> middle evaluated");`,
      "leaf.js": `export const leaf = "v1";`,
      "stable.js": `export const stable = Math.random() < 2 ? "stable" : ""; console.log("> stable evaluated");`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> main sees/), "> main sees v1/stable");
      app.write("leaf.js", `export const leaf = "v2";`);
      assert.equal(await app.next(/^> middle evaluated/), "> middle evaluated");
      assert.equal(await app.next(/^> main sees/), "> main sees v2/stable");
      assert.match(await app.next("[hot]"), /reevaluated 2 existing modules/);
      assert.ok(!app.output().split("> stable evaluated").slice(2).length, "an unchanged dependency is not evaluated again");
    },
  );
});

test("dispose hands data to the next instance, and state of unchanged modules survives", async () => {
  await withApp(
    {
      "main.js": `import "./counter.js"; ${KEEP_ALIVE}`,
      "counter.js": `
        import { store } from "./store.js";
        const hot = import.meta.hot;
        const count = (hot.data?.count ?? 0) + 1;
        store.visits += 1;
        hot.dispose((data) => { data.count = count; });
        hot.accept();
        console.log("> count", count, "visits", store.visits);
      `,
      "store.js": `export const store = { visits: 0 };`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> count/), "> count 1 visits 1");
      for (let round = 2; round <= 4; round += 1) {
        app.touch("counter.js");
        assert.equal(await app.next(/^> count/), `> count ${round} visits ${round}`);
      }
    },
  );
});

test("accept callbacks run top-down in registration order, only the affected ones, each awaited", async () => {
  await withApp(
    {
      "main.js": `
        import { a } from "./a.js";
        import { b } from "./b.js";
        import "./mid.js";
        const hot = import.meta.hot;
        hot.accept("./a.js", async () => { await new Promise((r) => setTimeout(r, 20)); console.log("> main a (slow)", a); });
        hot.accept("./b.js", () => console.log("> main b", b));
        hot.accept(["./a.js", "./b.js"], (namespaces) => console.log("> main both", namespaces.length, namespaces[0].a));
        ${KEEP_ALIVE}
        console.log("> ready");
      `,
      "mid.js": `
        import { a } from "./a.js";
        import.meta.hot.accept("./a.js", () => console.log("> mid a", a));
      `,
      "a.js": `export const a = 1;`,
      "b.js": `export const b = 1;`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("a.js", `export const a = 2;`);
      await app.next("[hot]");
      const seen = app.lines.filter((l) => l.text.startsWith("> ") && l.text !== "> ready").map((l) => l.text);
      assert.deepEqual(seen, ["> main a (slow) 2", "> main both 2 2", "> mid a 2"]);
    },
  );
});

test("a module that leaves the graph runs its dispose and prune handlers together, newest first; a new import is loaded", async () => {
  await withApp(
    {
      "main.js": `import "./feature.js"; ${KEEP_ALIVE}`,
      "feature.js": `import "./old.js"; import.meta.hot.accept(); console.log("> feature");`,
      "old.js": `import.meta.hot.dispose(() => console.log("> old disposed 1")); import.meta.hot.prune(async () => { await null; console.log("> old pruned 2"); }); import.meta.hot.dispose(() => console.log("> old disposed 3"));`,
      "new.js": `console.log("> new evaluated");`,
    },
    {},
    async (app) => {
      await app.next("> feature");
      app.write("feature.js", `import "./new.js"; import.meta.hot.accept(); console.log("> feature");`);
      await app.next("> new evaluated");
      await app.next("> feature");
      assert.equal(await app.next(/^> old/), "> old disposed 3");
      assert.equal(await app.next(/^> old/), "> old pruned 2");
      assert.equal(await app.next(/^> old/), "> old disposed 1");
      assert.match(await app.next("[hot]"), /Loaded 1 new module, reevaluated 1 existing module/);
      // The pruned file is no longer part of the app: editing it does nothing.
      app.write("old.js", `console.log("> old again");`);
      app.write("new.js", `console.log("> new again");`);
      await app.next("> new again");
      assert.ok(!app.output().includes("> old again"));
    },
  );
});

test("invalidate() from an external event re-evaluates a self-accepting module in place", async () => {
  await withApp(
    {
      "main.js": `
        import { payload } from "./payload.js";
        import.meta.hot.accept("./payload.js", () => console.log("> main accepted"));
        console.log("> main evaluated");
        process.on("SIGUSR2", () => console.log("> payload", payload));
        ${KEEP_ALIVE}
      `,
      "payload.js": `
        import fs from "node:fs";
        export const payload = fs.readFileSync(new URL("./payload.txt", import.meta.url), "utf8").trim();
        console.log("> payload", payload);
        import.meta.hot.accept();
        const watcher = fs.watch(new URL("./payload.txt", import.meta.url), () => {
          watcher.close();
          import.meta.hot.invalidate();
        });
      `,
      "payload.txt": "first",
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> payload/), "> payload first");
      await app.next("> main evaluated");
      // Written atomically, so the app's own watcher never reads a half-written file.
      app.write("payload.tmp", "second");
      renameSync(app.path("payload.tmp"), app.path("payload.txt"));
      assert.equal(await app.next(/^> payload/), "> payload second");
      assert.match(await app.next("[hot]"), /reevaluated 1 existing module/);
      // Only payload.js ran again; main sees the new binding and its accept handler stayed out.
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> payload/), "> payload second");
      assert.ok(!app.output().includes("> main accepted"), app.output());
    },
  );
});

test("an update that reaches the entry unaccepted, or meets decline, is reported with its chain and not applied", async () => {
  await withApp(
    {
      "main.js": `import { query } from "./src/app.js"; ${KEEP_ALIVE} process.on("SIGUSR2", () => console.log("> query", query())); console.log("> ready");`,
      "src/app.js": `export { query } from "./db.js";`,
      "src/db.js": `export const query = () => "old";`,
      "src/legacy.js": `import.meta.hot.decline(); export const legacy = 1;`,
      "src/uses-legacy.js": `import "./legacy.js"; import.meta.hot.accept();`,
    },
    { entry: "main.js" },
    async (app) => {
      await app.next("> ready");
      app.write("src/db.js", `export const query = () => "new";`);
      assert.equal(
        await app.next("[hot]"),
        "[hot] Update not accepted: src/db.js -> src/app.js -> main.js (entry). A restart is needed.",
      );
      app.child.kill("SIGUSR2");
      assert.equal(await app.next(/^> query/), "> query old");
    },
  );
  await withApp(
    {
      "main.js": `import "./uses-legacy.js"; ${KEEP_ALIVE} console.log("> ready");`,
      "uses-legacy.js": `import "./legacy.js"; import.meta.hot.accept();`,
      "legacy.js": `import.meta.hot.decline(); export const legacy = 1;`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("legacy.js", `import.meta.hot.decline(); export const legacy = 2;`);
      assert.match(await app.next("[hot]"), /^\[hot\] legacy\.js declined the update \(legacy\.js\)\. A restart is needed\.$/);
    },
  );
});

test("import.meta.hot methods throw a TypeError that names the bad argument", async () => {
  await withApp(
    {
      "main.js": `
        const hot = import.meta.dynoHot;
        const attempts = [
          () => hot.accept(42), () => hot.accept(["./a.js", 7]), () => hot.accept("./a.js", "nope"),
          () => hot.dispose(), () => hot.prune(null), () => hot.on("other", () => {}),
        ];
        for (const attempt of attempts) {
          try { attempt(); console.log("> no error"); } catch (e) { console.log("> " + e.constructor.name + ": " + e.message); }
        }
      `,
      "a.js": "",
    },
    {},
    async (app) => {
      const got = [];
      for (let i = 0; i < 6; i += 1) got.push(await app.next(/^> /));
      assert.match(got[0], /^> TypeError: .*specifier must be a string, got number/);
      assert.match(got[1], /^> TypeError: .*specifiers\[1\] must be a string/);
      assert.match(got[2], /^> TypeError: .*onUpdate must be a function/);
      assert.match(got[3], /^> TypeError: .*onDispose must be a function/);
      assert.match(got[4], /^> TypeError: .*onPrune must be a function/);
      assert.match(got[5], /^> TypeError: .*event must be "message"/);
    },
  );
});

test("the writes of one save are coalesced into one update", async () => {
  // On SIGUSR2 the app blocks its event loop; both writes land meanwhile, so their events reach
  // the watcher as one burst however slowly this test process is scheduled.
  const blockOnSignal = `process.on("SIGUSR2", () => { console.log("> blocking"); const end = Date.now() + 200; while (Date.now() < end); });`;
  await withApp(
    {
      "main.js": `import "./a.js"; import "./b.js"; import.meta.hot.accept(["./a.js", "./b.js"], () => console.log("> accepted")); ${blockOnSignal} ${KEEP_ALIVE} console.log("> ready");`,
      "a.js": "export const a = 1;",
      "b.js": "export const b = 1;",
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.child.kill("SIGUSR2");
      await app.next("> blocking");
      app.write("a.js", "export const a = 2;");
      app.write("b.js", "export const b = 2;");
      assert.match(await app.next("[hot]"), /reevaluated 2 existing modules/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(app.lines.filter((l) => l.text === "> accepted").length, 1, app.output());
    },
  );
});

test("dispose handlers run importers first, each awaited, before any new instance evaluates", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; import.meta.hot.accept("./a.js"); ${KEEP_ALIVE} console.log("> ready");`,
      "a.js": `import "./b.js"; console.log("> a evaluated"); import.meta.hot.dispose(async () => { await new Promise((r) => setTimeout(r, 30)); console.log("> a disposed"); });`,
      "b.js": `console.log("> b evaluated"); import.meta.hot.dispose(() => console.log("> b disposed"));`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("b.js", `console.log("> b evaluated again"); import.meta.hot.dispose(() => {});`);
      await app.next("[hot]");
      const order = app.lines.map((l) => l.text).filter((t) => t.startsWith("> ")).slice(3);
      assert.deepEqual(order, ["> a disposed", "> b disposed", "> b evaluated again", "> a evaluated"]);
    },
  );
});

test("the entry ends the walk even when a cycle gives it an importer that accepts it", async () => {
  await withApp(
    {
      "main.js": `import "./a.js"; export const version = 1; ${KEEP_ALIVE} console.log("> ready");`,
      "a.js": `import "./main.js"; import.meta.hot.accept("./main.js", () => console.log("> a accepted main"));`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("main.js", `import "./a.js"; export const version = 2; ${KEEP_ALIVE} console.log("> ready");`);
      assert.equal(await app.next("[hot]"), "[hot] Update not accepted: main.js (entry). A restart is needed.");
      assert.ok(!app.output().includes("> a accepted main"));
    },
  );
});

test("of two equally short unaccepted chains, the one through the first path is reported", async () => {
  await withApp(
    {
      "main.js": `import "./b-side.js"; import "./a-side.js"; ${KEEP_ALIVE} console.log("> ready");`,
      "a-side.js": `import "./shared.js";`,
      "b-side.js": `import "./shared.js";`,
      "shared.js": `export const shared = 1;`,
    },
    {},
    async (app) => {
      await app.next("> ready");
      app.write("shared.js", `export const shared = 2;`);
      assert.equal(await app.next("[hot]"), "[hot] Update not accepted: shared.js -> a-side.js -> main.js (entry). A restart is needed.");
    },
  );
});

test("an update that adds an export: a module linked again sees the new names, one that is not still reads them", async () => {
  await withApp(
    {
      // main.js is not evaluated again: it keeps its namespace, whose reads stay live.
      "main.js": `
        import * as handlers from "./handlers.js";
        import { listing } from "./listing.js";
        globalThis.report = () => console.log("> main", typeof handlers.extra === "function" ? handlers.extra() : "none", "extra" in handlers, Object.isExtensible(handlers));
        import.meta.hot.accept(["./handlers.js", "./listing.js"], () => globalThis.report());
        report();
        ${KEEP_ALIVE}
      `,
      // listing.js imports the namespace and is evaluated again with handlers.js.
      "listing.js": `import * as handlers from "./handlers.js"; export const listing = Object.keys(handlers).join(); console.log("> listing", listing);`,
      "handlers.js": `export function home() { return "home"; }`,
    },
    {},
    async (app) => {
      assert.equal(await app.next(/^> listing/), "> listing home");
      assert.equal(await app.next(/^> main/), "> main none false false");
      app.write("handlers.js", `export function home() { return "home"; }\nexport function extra() { return "extra"; }`);
      assert.equal(await app.next(/^> listing/), "> listing extra,home");
      assert.equal(await app.next(/^> main/), "> main extra false false");
    },
  );
});

// TypeScript and JSX apps run directly: types are stripped, `.js` specifiers find `.ts` files,
// package.json `imports` aliases and tsconfig `paths` resolve, and type-only imports vanish.
import assert from "node:assert/strict";
import { test } from "node:test";
import { withApp } from "./harness.js";

test("a TypeScript app with .js specifiers, enums, type-only imports, aliases and JSX", async () => {
  await withApp(
    {
      "package.json": JSON.stringify({ type: "module", imports: { "#lib/*": "./src/lib/*" } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@util/*": ["src/util/*"] } } }),
      "src/main.ts": `
        import type { Shape } from "./types.js";
        import { area, Kind } from "./shapes.js";
        import { twice } from "#lib/math.js";
        import { shout } from "@util/text";
        import { render } from "./view.jsx";
        const shape: Shape = { kind: Kind.Square, size: 3 };
        console.log("> area", area(shape), twice(2), shout("hi"), render());
        import.meta.hot?.accept("./shapes.js", () => console.log("> area", area(shape)));
        setInterval(() => {}, 1000);
      `,
      "src/types.ts": `export interface Shape { kind: number; size: number }`,
      "src/shapes.ts": `import type { Shape } from "./types.js";\nexport enum Kind { Square = 1 }\nexport function area(s: Shape): number { return s.size * s.size; }\n`,
      "src/lib/math.ts": `export const twice = (n: number): number => n * 2;`,
      "src/util/text.ts": `export const shout = (s: string) => s.toUpperCase();`,
      "src/view.tsx": `/** @jsxRuntime classic @jsx h */\nconst h = (tag: string, _props: unknown, ...children: string[]) => "<" + tag + ">" + children.join("");\nexport const render = () => <b>bold</b>;\n`,
    },
    { entry: "src/main.ts" },
    async (app) => {
      assert.equal(await app.next(/^> area/), "> area 9 4 HI <b>bold");
      app.write("src/shapes.ts", `import type { Shape } from "./types.js";\nexport enum Kind { Square = 1 }\nexport function area(s: Shape): number { return s.size * 10; }\n`);
      assert.equal(await app.next(/^> area/), "> area 30");
    },
  );
});

test("a TypeScript syntax error is reported at its line and column in the .ts file", async () => {
  await withApp(
    {
      "main.ts": `import { n } from "./dep.js"; import.meta.hot?.accept("./dep.js"); setInterval(() => {}, 1000); console.log("> ready", n);`,
      "dep.ts": `export const n: number = 1;\n`,
    },
    { entry: "main.ts" },
    async (app) => {
      await app.next("> ready");
      app.write("dep.ts", `export const n: number = 1;\n\nfunction broken(: number) {}\n`);
      assert.match(await app.next("[hot]"), /Syntax error at .*dep\.ts:3:\d+:/);
    },
  );
});

test("a .js import of a TypeScript file created after the failed update resolves on retry", async () => {
  await withApp(
    {
      "main.ts": `import "./feature.js"; import.meta.hot?.accept("./feature.js"); setInterval(() => {}, 1000); console.log("> ready");`,
      "feature.ts": `console.log("> feature v1");`,
    },
    { entry: "main.ts" },
    async (app) => {
      await app.next("> ready");
      app.write("feature.ts", `import { late } from "./late.js";\nconsole.log("> feature v2", late);`);
      assert.match(await app.next("[hot]"), /Link error at .*feature\.ts:1:\d+: Cannot find module '[^']*\/late\.js' imported from [^ ]*feature\.ts/);
      app.write("late.ts", `export const late: string = "created";`);
      assert.equal(await app.next(/^> feature v2/), "> feature v2 created");
    },
  );
});

// Standard (TC39) decorators in TypeScript without `experimentalDecorators`: each program runs
// as TypeScript's own compiler emits it (transpileModule, run by plain node) and under the
// runtime, and both must print the same. Then a decorated module takes a hot update.
import assert from "node:assert/strict";
import { test } from "node:test";
import ts from "typescript";
import { REGISTER, runInApp, withApp } from "./harness.js";

const TSCONFIG = '{ "compilerOptions": { "target": "ES2022", "module": "NodeNext" } }';
// Decorators the programs share: each logs what the spec hands it.
const HELPERS = `
const log: string[] = [];
// Node has no Symbol.metadata yet; apps that read metadata install it, as tsc's output expects.
(Symbol as any).metadata ??= Symbol.for("Symbol.metadata");
const metadataKey: symbol = (Symbol as any).metadata;
function traced(value: any, context: any) {
  log.push(\`\${context.kind} \${String(context.name)} static=\${context.static} private=\${context.private}\`);
  context.addInitializer(function (this: any) { log.push(\`init \${String(context.name)}\`); });
  if (context.kind === "method") return function (this: any, ...args: any[]) { return \`[\${value.apply(this, args)}]\`; };
  if (context.kind === "field") return (initial: number) => initial * 10;
  if (context.kind === "accessor") return { init: (initial: number) => initial + 100 };
  return undefined;
}
function tag(name: string) {
  return (_value: any, context: any) => { context.metadata.tag = name; };
}
`;

/** [name, program]: each program prints what its decorators did. */
const PROGRAMS = [
  [
    "methods, fields, accessors, getters and setters",
    `class Counter {
  @traced count = 1;
  @traced accessor total = 2;
  @traced get doubled() { return this.count * 2; }
  @traced set doubled(v: number) { this.count = v / 2; }
  @traced greet(name: string): string { return \`hi \${name} (\${this.count}, \${this.total})\`; }
}
const c = new Counter();
console.log(c.greet("a@b.c"), c.doubled);
console.log(log.join("; "));`,
  ],
  [
    "static and private members",
    `class Box {
  @traced static created = 3;
  @traced #secret() { return "s"; }
  @traced static make() { return "made"; }
  reveal() { return this.#secret(); }
}
console.log(new Box().reveal(), Box.created, Box.make());
console.log(log.join("; "));`,
  ],
  [
    "class decorators replace the class and set metadata",
    `function sealed<T extends new (...args: any[]) => any>(cls: T, context: ClassDecoratorContext) {
  log.push(\`class \${String(context.name)}\`);
  return class extends cls { sealed = true; };
}
/** A JSDoc tag such as @example is not a decorator. */
@sealed @tag("svc")
export class Service { name = "svc"; }
const s: any = new Service();
console.log(s.name, s.sealed, (Service as any)[metadataKey].tag, Service.name);
console.log(log.join("; "));`,
  ],
  [
    "an anonymous default class and decorator expressions",
    `const registry: string[] = [];
const decorators = { register: (cls: any, context: any) => { registry.push(String(context.name)); } };
export default @(decorators.register) class { run() { return "ran"; } }
@decorators.register class Named {}
console.log(registry.join(), new Named() instanceof Named);`,
  ],
];

for (const [name, program] of PROGRAMS) {
  test(`standard decorators as TypeScript compiles them: ${name}`, () => {
    const source = `${HELPERS}\n${program}\n`;
    const emitted = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      fileName: "main.ts",
    });
    const files = { "tsconfig.json": TSCONFIG, "main.ts": source, "tsc.mjs": emitted.outputText };
    const [oracle, ours] = runInApp(files, ["tsc.mjs"], ["--import", REGISTER, "main.ts"]);
    assert.equal(oracle.status, 0, `tsc's output fails under plain node, the case is wrong: ${oracle.stderr}`);
    assert.equal(ours.stdout, oracle.stdout, ours.stderr);
    assert.equal(ours.status, 0, ours.stderr);
  });
}

test("a module with standard decorators takes a hot update", async () => {
  const service = (greeting) =>
    [
      "function loud(value: any, _context: ClassMethodDecoratorContext) {",
      "  return function (this: any, ...args: any[]) { return String(value.apply(this, args)).toUpperCase(); };",
      "}",
      `export class Greeter { @loud greet(name: string) { return "${greeting} " + name; } }`,
    ].join("\n");
  await withApp(
    {
      "tsconfig.json": TSCONFIG,
      "greeter.ts": service("hello"),
      "main.ts": [
        "import { Greeter } from './greeter.ts';",
        "console.log('> greet', new Greeter().greet('ada'));",
        "import.meta.hot?.accept();",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    },
    { entry: "main.ts" },
    async (app) => {
      assert.equal(await app.next(/^> greet/), "> greet HELLO ADA");
      app.write("greeter.ts", service("goodbye"));
      assert.equal(await app.next(/^> greet/), "> greet GOODBYE ADA");
    },
  );
});

test("an error thrown in a decorated class names its own line", () => {
  const files = {
    "tsconfig.json": TSCONFIG,
    "main.ts": [
      "const bound = (value: any, context: ClassMethodDecoratorContext) => value;",
      "class Job {",
      "  @bound",
      "  run(): never {",
      "    throw new Error('job failed');",
      "  }",
      "}",
      "new Job().run();",
    ].join("\n"),
  };
  const [ours] = runInApp(files, ["--import", REGISTER, "main.ts"]);
  assert.notEqual(ours.status, 0);
  assert.match(ours.stderr, /Error: job failed\n\s+at Job\.run \(file:\/\/\S+\/main\.ts:5:\d+\)/);
});

test("a TypeScript ES module that require() loads (Node loads it itself) has its decorators lowered too", () => {
  const files = {
    "package.json": JSON.stringify({ name: "app" }),
    "tsconfig.json": TSCONFIG,
    "lib.mts": [
      "const seen: string[] = [];",
      "function named(value: any, context: ClassMethodDecoratorContext) { seen.push(String(context.name)); return value; }",
      "export class Lib { @named ping() { return 'pong'; } }",
      "export const names = seen;",
    ].join("\n"),
    "index.cjs": 'const { Lib, names } = require("./lib.mts");\nconsole.log(new Lib().ping(), names.join());\n',
  };
  const [ours] = runInApp(files, ["--import", REGISTER, "index.cjs"]);
  assert.equal(ours.stdout, "pong ping\n", ours.stderr);
  assert.equal(ours.status, 0, ours.stderr);
});

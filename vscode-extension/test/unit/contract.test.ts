// The fixtures of testdata/lsp/events/ against lsp/events.d.ts and src/lsp_ext.ts, with the
// TypeScript checker itself: each event fixture must be a HotswapEvent and each command
// result the answer lsp_ext.ts gives its command, with no field the types lack (excess
// property checks) and none they require missing. Every kind of the HotswapEvent union and
// every server command has a fixture. The Go side decodes the same files strictly
// (lsp/contract_test.go), so both ends are pinned to one set of shapes.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { serverCommands } from "../../src/lsp_ext.ts";

const extensionDir = path.join(import.meta.dirname, "..", "..");
const fixtureDir = path.join(extensionDir, "..", "testdata", "lsp", "events");
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, json: readFileSync(path.join(fixtureDir, name), "utf8") }));

/** The type a fixture must have, from its name: event-<kind>... or result-<command>... */
function expectedType(name: string): string {
  if (name.startsWith("event-")) return "HotswapEvent";
  const command = name.replace(/^result-/, "").replace(/(-[a-z-]+)?\.json$/, "");
  return `ServerCommandResults[${JSON.stringify(command)}]`;
}

/** Type-checks a module that assigns each fixture to its type; returns the checker's messages. */
function check(files: { name: string; json: string }[]) {
  const checkFile = path.join(extensionDir, "test", "unit", "contract-fixtures.generated.ts");
  const source = [
    `import type { HotswapEvent } from "../../src/events.ts";`,
    `import type { ServerCommandResults } from "../../src/lsp_ext.ts";`,
    ...files.map((f, i) => `// ${f.name}\nexport const fixture${i}: ${expectedType(f.name)} = ${f.json.trim()};`),
    // The kinds of the union, for the coverage check below.
    `export type Kinds = HotswapEvent["kind"];`,
  ].join("\n");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === checkFile ? source : read(file));
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === checkFile || exists(file);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) =>
    path.resolve(file) === checkFile ? ts.createSourceFile(file, source, language) : getSource(file, language);
  const program = ts.createProgram([checkFile], options, host);
  const messages = ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const fixture = d.file.fileName === checkFile ? source.split("\n").slice(0, line + 1).reverse().find((l) => l.startsWith("// ")) : d.file.fileName;
    return `${fixture}: ${text}`;
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(checkFile)!;
  const kindsAlias = file.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === "Kinds")!;
  const kindsType = checker.getTypeAtLocation(kindsAlias.name);
  const kinds = (kindsType.isUnion() ? kindsType.types : [kindsType]).map((t) => (t as ts.StringLiteralType).value);
  return { messages, kinds };
}

test("every fixture has the type events.d.ts and lsp_ext.ts give it", () => {
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures in ${fixtureDir}`);
  const { messages } = check(fixtures);
  assert.deepEqual(messages, []);
});

test("every event kind and every server command has a fixture", () => {
  const { kinds } = check([]);
  assert.ok(kinds.length >= 11, `the union has ${kinds.length} kinds`);
  for (const kind of kinds) {
    assert.ok(
      fixtures.some((f) => f.name === `event-${kind}.json` || f.name.startsWith(`event-${kind}-`)),
      `no fixture for the event kind ${kind}`,
    );
  }
  for (const command of Object.values(serverCommands)) {
    assert.ok(fixtures.some((f) => f.name.startsWith(`result-${command}`)), `no fixture for the result of ${command}`);
  }
});

test("the check fails on a field the types lack, a missing one and a wrong tag", () => {
  const graph = fixtures.find((f) => f.name === "event-graph.json")!;
  const status = fixtures.find((f) => f.name === "result-hotswap.start.json")!;
  const broken = [
    { name: "event-graph-extra.json", json: graph.json.replace(`"modules": 3`, `"modules": 3, "extra": true`) },
    { name: "event-graph-missing.json", json: graph.json.replace(`"time": "2026-11-21T09:00:00.123Z", `, "") },
    { name: "event-graph-tag.json", json: graph.json.replace(`"kind": "graph"`, `"kind": "graphs"`) },
    { name: "result-hotswap.start-state.json", json: status.json.replace(`"running"`, `"flying"`) },
  ];
  for (const fixture of broken) {
    assert.notEqual(fixture.json, (fixture.name.startsWith("event") ? graph : status).json, `${fixture.name} did not change`);
    assert.ok(check([fixture]).messages.length > 0, `${fixture.name} passed the check`);
  }
});

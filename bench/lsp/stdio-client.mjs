// Drives `hotswap lsp` over real stdio on a real project, as a plain script client:
//   node bench/lsp/stdio-client.mjs bin/hotswap <project folder> <a file of it>
// It prints the analysis, how many files were published and when, the diagnostics and their
// related locations, how many times a burst of 30 edits sent in one go is published (with the
// last version), and the exit code after shutdown and exit. DUMP=<file> writes the first
// round of diagnostics as JSON, to compare two builds.
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
const [bin, root, file] = process.argv.slice(2);
const p = spawn(bin, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
let buf = Buffer.alloc(0); const waiters = []; const msgs = [];
let stderr = ""; p.stderr.on("data", (d) => (stderr += d));
p.stdout.on("data", (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf("\r\n\r\n"); if (h < 0) break;
    const n = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, h).toString())[1]);
    if (buf.length < h + 4 + n) break;
    const m = JSON.parse(buf.subarray(h + 4, h + 4 + n).toString()); buf = buf.subarray(h + 4 + n);
    msgs.push({ t: performance.now(), m });
    if (m.id !== undefined && m.method) send({ id: m.id, result: null });
    for (const w of [...waiters]) if (w.ok(m)) { waiters.splice(waiters.indexOf(w), 1); w.res(m); }
  }
});
const send = (m) => { const s = JSON.stringify({ jsonrpc: "2.0", ...m }); p.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`); };
const wait = (ok) => new Promise((res) => { const hit = msgs.find((x) => ok(x.m)); if (hit) res(hit.m); else waiters.push({ ok, res }); });
const req = (id, method, params) => { send({ id, method, params }); return wait((m) => m.id === id && !m.method); };
const t0 = performance.now();
await req(1, "initialize", { capabilities: { window: { workDoneProgress: true } }, rootUri: pathToFileURL(root).href });
send({ method: "initialized", params: {} });
await wait((m) => m.method === "$/progress" && m.params.value.kind === "end");
const analysed = msgs.find((x) => x.m.method === "$/progress" && x.m.params.value.kind === "end").m.params.value.message;
await new Promise((r) => setTimeout(r, 1500));
const pubs = msgs.filter((x) => x.m.method === "textDocument/publishDiagnostics");
const diags = pubs.reduce((n, x) => n + x.m.params.diagnostics.length, 0);
const related = pubs.reduce((n, x) => n + x.m.params.diagnostics.reduce((k, d) => k + (d.relatedInformation?.length ?? 0), 0), 0);
console.log(`${root}: ${analysed}; ${pubs.length} files published in ${(pubs.at(-1)?.t - t0).toFixed(0)} ms, ${diags} diagnostics, ${related} related locations`);
if (process.env.DUMP) fs.writeFileSync(process.env.DUMP, JSON.stringify(Object.fromEntries(pubs.map((x) => [x.m.params.uri, x.m.params.diagnostics])), null, 1));
const uri = pathToFileURL(file).href; const text = fs.readFileSync(file, "utf8");
send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "javascript", version: 1, text } } });
const before = msgs.length;
for (let v = 2; v <= 31; v++) send({ method: "textDocument/didChange", params: { textDocument: { uri, version: v }, contentChanges: [{ text: text + `\n// edit ${v}\nimport "./nope${v}.js";\n` }] } });
const hv = await req(2, "textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } });
await new Promise((r) => setTimeout(r, 600));
const burst = msgs.slice(before).filter((x) => x.m.method === "textDocument/publishDiagnostics" && x.m.params.uri === uri);
console.log(`30 edits in one burst: ${burst.length} publishes for the file, last version ${burst.at(-1)?.m.params.version}`);
await req(3, "shutdown");
send({ method: "exit" });
p.on("exit", (code) => { console.log(`exit code ${code}; stderr ${JSON.stringify(stderr.slice(0, 200))}`); });

// The release as a user gets it: the tarballs in dist/ (make test-dist builds linux-x64 and
// linux-arm64) installed with npm into a fresh project, run through npx with no Go on PATH and no
// HOTSWAP_RUNTIME; and the linux-arm64 binary under qemu-user (with Debian's arm64 glibc, since
// the Linux binaries link glibc for cgo) giving the same `check` output as the native one on
// every testdata/verdicts fixture.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

const repo = path.join(import.meta.dirname, "..", "..");
const dist = process.env.HOTSWAP_DIST ?? path.join(repo, "dist");
const { version } = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
let project;
// Only node's folder and the system's: no go, no HOTSWAP_* from the caller.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HOTSWAP_") && !name.startsWith("GO")));
env.PATH = [path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter);

const npx = (args, options = {}) =>
  execFileSync("npx", ["--no-install", "hotswap", ...args], { cwd: project, env, encoding: "utf8", timeout: 120_000, ...options });

before(() => {
  assert.throws(() => execFileSync("go", ["version"], { env, stdio: "ignore" }), "go must not be on the test's PATH");
  project = mkdtempSync(path.join(tmpdir(), "hotswap-dist-"));
  cpSync(path.join(repo, "hmr", "example", "app"), project, { recursive: true });
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error",
      path.join(dist, `hotswap-${version}.tgz`), path.join(dist, `hotswap-linux-x64-${version}.tgz`)],
    { cwd: project, env, stdio: "inherit", timeout: 300_000 },
  );
});
after(() => rmSync(project, { recursive: true, force: true }));

test("npx hotswap --version runs the platform package's binary", () => {
  assert.equal(npx(["--version"]).trim(), `hotswap ${version}`);
});

test("the linux-x64 binary parses with tree-sitter's C code, built with cgo", () => {
  const [, parser] = npx(["version", "--verbose"]).split("\n");
  assert.equal(parser, "parser: tree-sitter under cgo");
});

test("a binary that cannot start for want of glibc's loader is explained", () => {
  // What a glibc-linked binary is on a musl system: a file whose interpreter is not there.
  const file = path.join(project, "no-loader");
  writeFileSync(file, "#!/no/such/ld-linux-x86-64.so.2\n", { mode: 0o755 });
  const result = spawnSync("npx", ["--no-install", "hotswap", "--version"], {
    cwd: project,
    env: { ...env, HOTSWAP_BINARY: file },
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(result.status, 1);
  assert.ok(result.stderr.includes(`cannot run ${file}: spawn ${file} ENOENT`), result.stderr);
  assert.ok(result.stderr.includes("the Linux binaries need glibc 2.17 or newer. On Alpine, `apk add gcompat`"), result.stderr);
});

test("npx hotswap check analyses the project", () => {
  const report = JSON.parse(npx(["check", "--json"]));
  assert.deepEqual(report.entries, [{ path: "server.js", source: "package.json main" }]);
  assert.deepEqual(
    report.verdicts.map((v) => [v.path, v.verdict]),
    [["greeting.js", "hot"], ["server.js", "hot"]],
  );
});

test("npx hotswap run serves the app and swaps in an edit", async () => {
  const child = spawn("npx", ["--no-install", "hotswap", "run", "--json", "server.js"], {
    cwd: project,
    env: { ...env, PORT: "0" },
    stdio: ["pipe", "pipe", "inherit"],
    // Its own process group, so that the end is a terminal's Ctrl-C: SIGINT to npx, the
    // launcher and the binary alike (npx runs the launcher through a shell that passes none on).
    detached: true,
  });
  const lines = [];
  const waiters = [];
  let buffer = "";
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    for (let i; (i = buffer.indexOf("\n")) >= 0; ) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.match(line)) waiters.splice(waiters.indexOf(w), 1), w.resolve(line);
    }
  });
  const waitFor = (match, what) =>
    new Promise((resolve, reject) => {
      const seen = lines.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output:\n${lines.join("\n")}`)), 60_000);
      waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  const event = (line) => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined; // the app's own output
    }
  };
  try {
    // With --json on stdout, the app's own lines arrive as output events.
    const appLine = (line) => (event(line)?.event === "output" ? event(line).text : "");
    const listening = appLine(await waitFor((line) => appLine(line).startsWith("example: listening on "), "the app to listen"));
    const url = listening.slice("example: listening on ".length).trim();
    assert.match(await (await fetch(url)).text(), /^Hello from Hotswap!/);
    // The watcher is set up beside the app's start; give it a moment before the edit.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const greeting = path.join(project, "greeting.js");
    writeFileSync(greeting, readFileSync(greeting, "utf8").replace("Hello from Hotswap!", "Hello after an edit!"));
    const update = event(await waitFor((line) => event(line)?.event === "update", "an update event"));
    assert.equal(update.update.type, "success", JSON.stringify(update));
    assert.match(await (await fetch(url)).text(), /^Hello after an edit!\nvisits: 2 /);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGINT");
    await exited;
  }
});

test("the linux-arm64 binary under qemu-user checks every fixture as the native one does", () => {
  const arm = mkdtempSync(path.join(tmpdir(), "hotswap-arm64-"));
  try {
    execFileSync("tar", ["-xzf", path.join(dist, `hotswap-linux-arm64-${version}.tgz`), "-C", arm]);
    const armBinary = path.join(arm, "package", "bin", "hotswap");
    const native = path.join(project, "node_modules", "@hotswap", "linux-x64", "bin", "hotswap");
    const qemu = ["-L", "/usr/aarch64-linux-gnu", armBinary];
    const [, parser] = execFileSync("qemu-aarch64-static", [...qemu, "version", "--verbose"], { env, encoding: "utf8" }).split("\n");
    assert.equal(parser, "parser: tree-sitter under cgo");
    const fixtures = path.join(repo, "testdata", "verdicts");
    const cases = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.ok(cases.length >= 5, `fixtures in ${fixtures}`);
    const check = (command, args, dir) => {
      try {
        return { code: 0, out: execFileSync(command, [...args, "check", "--json", dir], { env, encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "ignore"] }) };
      } catch (error) {
        return { code: error.status, out: error.stdout };
      }
    };
    for (const c of cases) {
      const dir = path.join(fixtures, c.name);
      const want = check(native, [], dir);
      const got = check("qemu-aarch64-static", qemu, dir);
      assert.ok(want.out.includes('"verdicts"'), `${c.name}: native output ${want.out}`);
      assert.deepEqual(got, want, `${c.name}: arm64 under qemu differs from native`);
    }
  } finally {
    rmSync(arm, { recursive: true, force: true });
  }
});

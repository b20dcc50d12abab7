// Runs test262's module tests (test/language/module-code, import, export and
// expressions/dynamic-import) under plain node and under the runtime, and lists the tests that
// pass under node and fail under the runtime. test262 itself is never part of this repository:
// give the path of a checkout (git clone https://github.com/tc39/test262).
//
//   $(scripts/node.sh lts) bench/test262/run.js <test262 checkout> [--jobs 2] [--filter text]
//       [--register path/to/register.js]   (another version of the runtime, to compare)
//
// Each test's YAML frontmatter (read with the `yaml` package) gives its flags (module, async,
// raw, onlyStrict), its harness includes and its negative expectation. Harness files run as
// global scripts before the test (prelude.cjs); module tests run as the entry module, script
// tests as a global script whose import() goes through Node's loader (and so the runtime's).
// A script test runs once, strict only when it says onlyStrict. The runtime runs only the tests
// plain node passes: the point is the list of regressions.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIRECTORIES = ["test/language/module-code", "test/language/import", "test/language/export", "test/language/expressions/dynamic-import"];
const TIMEOUT_MS = 20_000;

function usage(message) {
  console.error(`${message}\nusage: run.js <test262 checkout> [--jobs n] [--filter text] [--register file]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const checkout = args[0];
if (!checkout) usage("no test262 checkout given");
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index > 0 ? args[index + 1] : fallback;
};
const jobs = Number(option("--jobs", Math.max(1, availableParallelism())));
const filter = option("--filter", "");
const REGISTER = resolve(option("--register", resolve(HERE, "../../hmr/runtime/register.js")));

/** The frontmatter between `/*---` and `---*\/`, parsed as YAML. */
function metadataOf(source, file) {
  const start = source.indexOf("/*---");
  const end = source.indexOf("---*/", start);
  if (start < 0 || end < 0) throw new Error(`${file}: no test262 frontmatter`);
  return parseYaml(source.slice(start + 5, end)) ?? {};
}

function testsUnder(root) {
  const tests = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js") && !entry.name.includes("_FIXTURE")) tests.push(path);
    }
  };
  for (const directory of DIRECTORIES) walk(join(root, directory));
  return tests.sort();
}

// A copy of the tests with a package.json that makes `.js` files ES modules (the module tests
// import their fixtures and themselves by `.js` names), and the two drivers.
function prepareWorkDirectory() {
  const work = mkdtempSync(join(tmpdir(), "hotswap-test262-"));
  for (const directory of DIRECTORIES) cpSync(join(checkout, directory), join(work, directory), { recursive: true });
  cpSync(join(checkout, "harness"), join(work, "harness"), { recursive: true });
  writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module" }));
  cpSync(join(HERE, "prelude.cjs"), join(work, "prelude.cjs"));
  cpSync(join(HERE, "script-entry.cjs"), join(work, "script-entry.cjs"));
  return work;
}

function planOf(work, path) {
  const source = readFileSync(path, "utf8");
  const meta = metadataOf(source, path);
  const flags = new Set(meta.flags ?? []);
  const includes = flags.has("raw") ? [] : ["assert.js", "sta.js", ...(flags.has("async") ? ["doneprintHandle.js"] : []), ...(meta.includes ?? [])];
  const file = join(work, relative(checkout, path));
  return {
    name: relative(checkout, path),
    file,
    module: flags.has("module"),
    async: flags.has("async"),
    strict: flags.has("onlyStrict"),
    includes,
    negative: meta.negative ?? null,
  };
}

function runOnce(work, plan, withRuntime) {
  const env = {
    ...process.env,
    TEST262_HARNESS: join(work, "harness"),
    TEST262_INCLUDES: plan.includes.join(","),
    TEST262_SCRIPT: plan.module ? "" : plan.file,
    TEST262_STRICT: plan.strict ? "1" : "",
  };
  const entry = plan.module ? plan.file : join(work, "script-entry.cjs");
  const argv = ["--require", join(work, "prelude.cjs"), ...(withRuntime ? ["--import", REGISTER] : []), entry];
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, argv, { cwd: dirname(plan.file), env, stdio: ["ignore", "pipe", "pipe"], timeout: TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.on("close", (status, signal) => resolveRun({ status, signal, stdout, stderr, verdict: verdictOf(plan, status, signal, stdout, stderr) }));
  });
}

/** Whether a run passed, by the test's expectation. */
function verdictOf(plan, status, signal, stdout, stderr) {
  if (signal) return false;
  if (plan.negative) {
    const type = plan.negative.type;
    return status !== 0 && new RegExp(`\\b${type}\\b`).test(stderr) && !/Test262: This statement should not be evaluated/.test(stderr + stdout);
  }
  if (status !== 0) return false;
  if (plan.async) return stdout.includes("Test262:AsyncTestComplete") && !stdout.includes("Test262:AsyncTestFailure");
  return true;
}

async function pool(items, work) {
  let next = 0;
  const workers = Array.from({ length: jobs }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}

const work = prepareWorkDirectory();
const plans = testsUnder(checkout)
  .filter((path) => path.includes(filter))
  .map((path) => planOf(work, path));
let nodePasses = 0;
let runtimePasses = 0;
const regressions = [];
let done = 0;
try {
  await pool(plans, async (plan) => {
    const plain = await runOnce(work, plan, false);
    if (plain.verdict) {
      nodePasses += 1;
      const hot = await runOnce(work, plan, true);
      if (hot.verdict) runtimePasses += 1;
      else regressions.push({ plan, hot });
    }
    done += 1;
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${plans.length}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
regressions.sort((a, b) => a.plan.name.localeCompare(b.plan.name));
if (process.env.TEST262_VERBOSE) {
  for (const { plan, hot } of regressions) {
    console.log(`--- ${plan.name}\n${(hot.stderr || hot.stdout).trim().split("\n").slice(0, 6).join("\n")}`);
  }
}
console.log(`\ntest262 module tests: ${plans.length} run, ${nodePasses} pass under node ${process.version}, ${runtimePasses} of those pass under the runtime`);
console.log(`${regressions.length} pass under node and fail under the runtime${regressions.length ? ":" : "."}`);
for (const { plan } of regressions) console.log(`  ${plan.name}`);
process.exitCode = regressions.length > 0 ? 1 : 0;

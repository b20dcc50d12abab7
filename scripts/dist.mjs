// `make dist`: the npm packages and the VS Code extensions of a release, in dist/.
//   hotswap-<version>.tgz                the root package (runtime + launcher), its
//                                        optionalDependencies naming every platform package;
//   hotswap-<os>-<cpu>-<version>.tgz     @hotswap/<os>-<cpu>: one binary; the Linux ones built
//                                        with cgo by `zig cc` (scripts/zig.sh), the others with
//                                        CGO_ENABLED=0 (npm/platforms.js says which);
//   hotswap-vscode-<os>-<cpu>-<version>.vsix   binary + runtime with that platform's oxc bindings;
//   hotswap-vscode-universal-<version>.vsix    no binary: the project's node_modules or PATH.
// --targets linux-x64,linux-arm64 limits the platforms (the root package still names all of
// them); --no-vsix skips the extensions; --no-cgo builds every binary with CGO_ENABLED=0, for a
// machine where scripts/zig.sh cannot install Zig; a platform whose oxc native binding npm could not
// install fails the build unless --allow-missing-bindings (the .vsix then cannot start apps). Another platform's packages come from
// `npm install --os --cpu`, cached in .cache/dist-deps/.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PLATFORMS, platformPackage } from "../npm/platforms.js";

const repo = path.join(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: {
    targets: { type: "string", default: Object.keys(PLATFORMS).join(",") },
    "no-vsix": { type: "boolean", default: false },
    "no-cgo": { type: "boolean", default: false },
    "allow-missing-bindings": { type: "boolean", default: false },
    out: { type: "string", default: path.join(repo, "dist") },
  },
});
const targets = opts.targets.split(",").filter(Boolean);
for (const key of targets) if (!(key in PLATFORMS)) throw new Error(`--targets: unknown platform ${key}`);

const root = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
const version = root.version;
const dist = opts.out;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const stage = mkdtempSync(path.join(tmpdir(), "hotswap-dist-"));
const run = (command, args, cwd, env = process.env) =>
  execFileSync(command, args, { cwd, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
const go = process.env.GO || "go";
/** scripts/zig.sh's answer, asked once for every cgo target. */
let zigCompiler;
const sizes = [];
const missing = [];

try {
  // One binary package per platform.
  const binaries = {};
  for (const key of targets) {
    const [platform, arch] = key.split("-");
    const { name, executable } = platformPackage(platform, arch);
    const dir = path.join(stage, key);
    const binary = path.join(dir, executable);
    run(go, ["build", ...buildFlags(key), "-o", binary, "./cmd/hotswap"], repo, buildEnv(key));
    binaries[key] = binary;
    sizes.push([`${name} binary`, statSync(binary).size]);
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify(
        {
          name,
          version,
          description: `The hotswap binary for ${key}; installed by the hotswap package.`,
          license: root.license,
          repository: { type: "git", url: "https://github.com/hotswap/hotswap" },
          os: [platform],
          cpu: [arch],
          files: ["bin/"],
          preferUnplugged: true,
        },
        null,
        2,
      ) + "\n",
    );
    writeFileSync(path.join(dir, "README.md"), `# ${name}\n\nThe \`hotswap\` binary for ${key}. Install \`hotswap\` instead: it picks this package.\n`);
    pack(dir);
  }

  // The root package, as `npm pack` makes it, plus optionalDependencies on every platform.
  const packed = path.join(stage, "root");
  mkdirSync(packed);
  const tarball = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", packed], repo))[0].filename;
  run("tar", ["-xzf", tarball], packed);
  const manifestFile = path.join(packed, "package", "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  manifest.optionalDependencies = Object.fromEntries(
    Object.keys(PLATFORMS).map((key) => [platformPackage(...key.split("-")).name, version]),
  );
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  pack(path.join(packed, "package"));

  if (!opts["no-vsix"]) {
    const ext = path.join(repo, "vscode-extension");
    for (const key of targets) {
      const out = path.join(dist, `hotswap-vscode-${key}-${version}.vsix`);
      const modules = platformModules(key);
      const absent = missingBindings(modules, key);
      if (absent.length > 0) {
        missing.push(`${key}: ${absent.join(", ")}`);
        if (!opts["allow-missing-bindings"]) continue;
      }
      run(process.execPath, [path.join(ext, "scripts", "package.ts"), "--target", key, "--binary", binaries[key],
        "--node-modules", modules, "--out", out], ext);
      sizes.push([path.basename(out), statSync(out).size]);
    }
    const out = path.join(dist, `hotswap-vscode-universal-${version}.vsix`);
    run(process.execPath, [path.join(ext, "scripts", "package.ts"), "--target", "universal", "--out", out], ext);
    sizes.push([path.basename(out), statSync(out).size]);
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
for (const [what, bytes] of sizes) console.log(`${what.padEnd(48)} ${(bytes / 1e6).toFixed(1).padStart(6)} MB`);
if (missing.length > 0) {
  console.error(`npm installed no native binding for: ${missing.join("; ")} (is that version published for the platform?)`);
  if (!opts["allow-missing-bindings"]) {
    console.error("those .vsix files were not made; --allow-missing-bindings makes them anyway");
    process.exitCode = 1;
  }
}

/**
 * The environment `go build` makes a platform's binary in. A platform with a Zig target gets
 * cgo with `zig cc` as its C compiler, Zig's cache kept in .cache/ with the other installs.
 */
function buildEnv(key) {
  const { goos, goarch, zig } = PLATFORMS[key];
  if (!zig || opts["no-cgo"]) return { ...process.env, CGO_ENABLED: "0", GOOS: goos, GOARCH: goarch };
  zigCompiler ??= run(path.join(repo, "scripts", "zig.sh"), [], repo).trim();
  return {
    ...process.env,
    CGO_ENABLED: "1",
    GOOS: goos,
    GOARCH: goarch,
    CC: `'${zigCompiler}' cc -target ${zig}`,
    ZIG_GLOBAL_CACHE_DIR: path.join(repo, ".cache", "zig", "cache"),
    ZIG_LOCAL_CACHE_DIR: path.join(repo, ".cache", "zig", "cache"),
  };
}

/**
 * `go build`'s flags for a platform's binary. A cgo build links through `zig cc`, which strips
 * only when told; netgo and osusergo keep the binary off glibc's resolver and user database,
 * which Zig's glibc 2.17 stubs do not all have.
 */
function buildFlags(key) {
  if (!PLATFORMS[key].zig || opts["no-cgo"]) return ["-trimpath", "-ldflags=-s -w"];
  return ["-trimpath", "-tags=netgo,osusergo", "-ldflags=-s -w -extldflags=-s"];
}

/**
 * The runtime's packages that publish a native binding for a platform (an optional dependency
 * naming it) but have none of those installed in nodeModules.
 */
function missingBindings(nodeModules, key) {
  const absent = [];
  for (const name of Object.keys(root.dependencies)) {
    const pkg = JSON.parse(readFileSync(path.join(nodeModules, name, "package.json"), "utf8"));
    const bindings = Object.keys(pkg.optionalDependencies ?? {}).filter((dep) => dep.includes(`-${key}`));
    if (bindings.length > 0 && !bindings.some((dep) => existsSync(path.join(nodeModules, dep, "package.json")))) {
      absent.push(bindings.join(" or "));
    }
  }
  return absent;
}

/** Packs a package directory into dist/ and records the tarball's size. */
function pack(dir) {
  const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dist], dir));
  sizes.push([filename, statSync(path.join(dist, filename)).size]);
}

/**
 * The runtime's production packages as npm installs them on another platform (its oxc native
 * bindings), cached by platform and the dependency list.
 */
function platformModules(key) {
  const [platform, arch] = key.split("-");
  const hash = createHash("sha256")
    .update(readFileSync(path.join(repo, "package-lock.json")))
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(repo, ".cache", "dist-deps", `${key}-${hash}`);
  if (!existsSync(path.join(dir, "node_modules", ".package-lock.json"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The versions the runtime is tested with, exactly. The lock file cannot be reused: npm
    // leaves other platforms' native bindings out of it.
    const pinned = Object.fromEntries(
      Object.keys(root.dependencies).map((name) => [
        name,
        JSON.parse(readFileSync(path.join(repo, "node_modules", name, "package.json"), "utf8")).version,
      ]),
    );
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, dependencies: pinned }, null, 2));
    run("npm", ["install", `--os=${platform}`, `--cpu=${arch}`, "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"], dir);
  }
  return path.join(dir, "node_modules");
}

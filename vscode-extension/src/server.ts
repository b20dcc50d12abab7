// Finds the `hotswap` binary that serves as the language server: the setting hotswap.server.path,
// else the binary bundled in the extension (a per-platform .vsix), else the project's own
// install (npm i -D hotswap), else `hotswap` on PATH. Each is checked by running
// it with --version, so a broken or foreign binary is reported instead of half-started.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import path from "node:path";

/** Where a server binary came from. */
export type ServerSource =
  | "setting hotswap.server.path"
  | "bundled with the extension"
  | "the project's node_modules"
  | "PATH";

/** A server binary that answered --version. */
export interface FoundServer {
  path: string;
  source: ServerSource;
  version: string;
}

/** What discovery looks at; the extension passes the real values, tests their own. */
export interface DiscoveryInput {
  /** The setting hotswap.server.path ("" when unset); relative paths are taken from baseDir. */
  settingPath: string;
  /** The workspace folder a relative setting is resolved against. */
  baseDir: string;
  /** The extension's install folder, which holds bin/hotswap in a packaged .vsix. */
  extensionDir: string;
  /** The PATH to search. */
  envPath: string;
  platform: NodeJS.Platform;
  /** The CPU, which picks the project's binary package (@hotswap/<platform>-<arch>). */
  arch: string;
}

/**
 * The project's own hotswap, in the order tried: the npm launcher node_modules/.bin/hotswap
 * (it hands the binary the project's runtime), then the platform package's binary itself. On
 * Windows .bin holds a .cmd shim, which cannot run without a shell, so only the binary is tried.
 */
export function projectCandidates(baseDir: string, platform: NodeJS.Platform, arch: string): string[] {
  const modules = path.join(baseDir, "node_modules");
  const binary = path.join(modules, "@hotswap", `${platform}-${arch}`, "bin", platform === "win32" ? "hotswap.exe" : "hotswap");
  return platform === "win32" ? [binary] : [path.join(modules, ".bin", "hotswap"), binary];
}

/** Runs a candidate with --version and returns its version, or throws why it is not a server. */
export type VersionProbe = (file: string) => Promise<string>;

/** Thrown when no usable server was found; the message names every place tried and the fix. */
export class ServerNotFoundError extends Error {
  readonly tried: string[];
  readonly fix: string;
  constructor(tried: string[], fix: string) {
    super(`Hotswap's language server was not found. Tried: ${tried.join("; ")}. ${fix}`);
    this.name = "ServerNotFoundError";
    this.tried = tried;
    this.fix = fix;
  }
}

const versionPattern = /^hotswap (\d+\.\d+\.\d+\S*)\s*$/;

/** Runs `file --version` with a time limit and checks that it prints "hotswap X.Y.Z". */
export const probeVersion: VersionProbe = (file) =>
  new Promise((resolve, reject) => {
    execFile(file, ["--version"], { timeout: 5000, windowsHide: true }, (error, stdout) => {
      if (error) {
        // A binary that exists but "is not found" lacks its program loader: the Linux
        // binaries link glibc, which a musl system such as Alpine does not have.
        const loader =
          (error as NodeJS.ErrnoException).code === "ENOENT" && existsSync(file) && process.platform === "linux"
            ? " (the Linux binaries need glibc 2.17 or newer; on Alpine, apk add gcompat)"
            : "";
        reject(new Error(`running "${file} --version" failed: ${error.message.trim()}${loader}`));
        return;
      }
      const match = versionPattern.exec(stdout.trim());
      if (!match) {
        reject(new Error(`"${file} --version" printed ${JSON.stringify(stdout.trim())}, not "hotswap X.Y.Z"`));
        return;
      }
      resolve(match[1]);
    });
  });

/** Returns the first candidate that exists and answers --version like a hotswap binary. */
export async function findServer(input: DiscoveryInput, probe: VersionProbe = probeVersion): Promise<FoundServer> {
  const exe = input.platform === "win32" ? "hotswap.exe" : "hotswap";
  if (input.settingPath.trim() !== "") {
    // An explicit setting is never silently replaced by another binary.
    const file = path.resolve(input.baseDir, input.settingPath.trim());
    try {
      return { path: file, source: "setting hotswap.server.path", version: await probe(file) };
    } catch (error) {
      throw new ServerNotFoundError(
        [`setting hotswap.server.path = ${file}: ${reason(error)}`],
        'Fix: point "hotswap.server.path" at a hotswap binary (go build -o bin/hotswap ./cmd/hotswap), or clear it to use the bundled one.',
      );
    }
  }
  const candidates: Array<{ file: string; source: ServerSource }> = [
    { file: path.join(input.extensionDir, "bin", exe), source: "bundled with the extension" },
    ...projectCandidates(input.baseDir, input.platform, input.arch).map((file) => ({
      file,
      source: "the project's node_modules" as const,
    })),
    ...input.envPath
      .split(path.delimiter)
      .filter((dir) => dir !== "")
      .map((dir) => ({ file: path.join(dir, exe), source: "PATH" as const })),
  ];
  const tried: string[] = [];
  for (const candidate of candidates) {
    try {
      await access(candidate.file, constants.X_OK);
    } catch {
      if (candidate.source === "bundled with the extension") tried.push(`${candidate.file}: missing`);
      continue;
    }
    try {
      return { path: candidate.file, source: candidate.source, version: await probe(candidate.file) };
    } catch (error) {
      tried.push(`${candidate.file}: ${reason(error)}`);
    }
  }
  tried.push(`no ${exe} on PATH`);
  throw new ServerNotFoundError(
    tried,
    'Fix: install hotswap in the project (npm i -D hotswap), install the extension\'s .vsix built for this platform, put hotswap on PATH, or set "hotswap.server.path" to a hotswap binary (go build -o bin/hotswap ./cmd/hotswap).',
  );
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

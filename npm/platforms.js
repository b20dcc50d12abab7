// The platforms a hotswap binary is published for, shared by the launcher and the build
// (scripts/dist.mjs), so a package name is spelt in one place.

/**
 * Node's process.platform-process.arch pairs that have a binary package, and Go's names for them.
 * `zig` is the `zig cc -target` of a platform built with cgo, whose analysis parses with
 * tree-sitter's C code; the others are built with CGO_ENABLED=0 and parse under WebAssembly
 * (hmr/treesitter), since no C toolchain for them runs here.
 * @type {Record<string, { goos: string, goarch: string, zig?: string }>}
 */
export const PLATFORMS = {
  "linux-x64": { goos: "linux", goarch: "amd64", zig: "x86_64-linux-gnu.2.17" },
  "linux-arm64": { goos: "linux", goarch: "arm64", zig: "aarch64-linux-gnu.2.17" },
  "darwin-x64": { goos: "darwin", goarch: "amd64" },
  "darwin-arm64": { goos: "darwin", goarch: "arm64" },
  "win32-x64": { goos: "windows", goarch: "amd64" },
  "win32-arm64": { goos: "windows", goarch: "arm64" },
};

/**
 * The binary package for a platform.
 * @param {string} platform process.platform
 * @param {string} arch process.arch
 * @returns {{ ok: true, name: string, executable: string } | { ok: false, error: string }}
 */
export function platformPackage(platform, arch) {
  const key = `${platform}-${arch}`;
  if (!(key in PLATFORMS)) {
    return {
      ok: false,
      error:
        `hotswap: no binary is published for ${key}; the supported platforms are ${Object.keys(PLATFORMS).join(", ")}.\n` +
        `Build one with Go (go build ./cmd/hotswap in the hotswap repository) and set HOTSWAP_BINARY to it.`,
    };
  }
  return { ok: true, name: `@hotswap/${key}`, executable: platform === "win32" ? "bin/hotswap.exe" : "bin/hotswap" };
}

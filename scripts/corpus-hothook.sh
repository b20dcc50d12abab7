#!/usr/bin/env bash
# Installs the pinned framework corpus (testdata/hot-hook/corpus.json) once into
# .cache/corpus-hothook/<hash of the pins>/ and prints that directory; a change to the pins installs a
# fresh copy. The hot-hook tests (hmr/runtime/test/hot-hook*.test.js) link its packages into each
# app, with Hotswap itself as hot-hook.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
pins="$repo/testdata/hot-hook/corpus.json"
key="$(sha256sum "$pins" | cut -c1-16)"
dir="$repo/.cache/corpus-hothook/$key"
if [[ ! -f "$dir/node_modules/.installed" ]]; then
  mkdir -p "$dir"
  cp "$pins" "$dir/package.json"
  # Quiet on success; npm's own output on failure.
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2)
  touch "$dir/node_modules/.installed"
fi
echo "$dir"

#!/usr/bin/env bash
# Installs the pinned framework corpus (testdata/apps/corpus.json) once into
# .cache/corpus/<hash of the pins>/ and prints that directory; a change to the pins installs a
# fresh copy. The framework tests (cmd/hotswap/frameworks_test.go) link its node_modules into
# each app.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
pins="$repo/testdata/apps/corpus.json"
key="$(sha256sum "$pins" | cut -c1-16)"
dir="$repo/.cache/corpus/$key"
if [[ ! -f "$dir/node_modules/.installed" ]]; then
  mkdir -p "$dir"
  cp "$pins" "$dir/package.json"
  # Quiet on success; npm's own output on failure.
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2)
  touch "$dir/node_modules/.installed"
fi
echo "$dir"

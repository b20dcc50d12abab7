#!/usr/bin/env bash
# Installs a pinned npm corpus once into .cache/<name>/<hash of the pins>/ and prints that
# directory; a change to the pins installs a fresh copy.
# Usage: scripts/corpus.sh [hot-hook]
#   (default) testdata/apps/corpus.json into .cache/corpus/: the frameworks that
#             cmd/hotswap/frameworks_test.go links into each app;
#   hot-hook  testdata/hot-hook/corpus.json into .cache/corpus-hothook/: AdonisJS's dev server,
#             @hot-hook/runner and hot-hook itself, for hmr/runtime/test/hot-hook*.test.js.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  "") pins="$repo/testdata/apps/corpus.json"; name=corpus ;;
  hot-hook) pins="$repo/testdata/hot-hook/corpus.json"; name=corpus-hothook ;;
  *) echo "scripts/corpus.sh: unknown corpus $1 (none, or hot-hook)" >&2; exit 2 ;;
esac
key="$(sha256sum "$pins" | cut -c1-16)"
dir="$repo/.cache/$name/$key"
if [[ ! -f "$dir/node_modules/.installed" ]]; then
  mkdir -p "$dir"
  cp "$pins" "$dir/package.json"
  # Quiet on success; npm's own output on failure.
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2)
  touch "$dir/node_modules/.installed"
fi
echo "$dir"

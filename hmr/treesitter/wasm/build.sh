#!/usr/bin/env bash
# Builds treesitter.wasm: tree-sitter's runtime and the JavaScript, TypeScript and TSX grammars,
# from the C sources of the github.com/smacker/go-tree-sitter module that go.mod pins, compiled
# with clang to wasm32-wasi (Debian: clang lld wasi-libc libclang-rt-14-dev-wasm32). The output is gzipped, since the Go
# package embeds it. Usage: build.sh OUT.wasm.gz
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
src=$(cd "$here/../../.." && go list -m -f '{{.Dir}}' github.com/smacker/go-tree-sitter)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cflags=(--target=wasm32-wasi --sysroot=/usr -isystem /usr/include/wasm32-wasi -O2 -fno-exceptions
  -DNDEBUG -Wno-everything -ffile-prefix-map="$src"=tree-sitter)
cc() { clang "${cflags[@]}" -c "$@"; }
pids=()
for f in alloc get_changed_ranges language lexer node parser query stack subtree tree tree_cursor wasm_store; do
  cc -I"$src" "$src/$f.c" -o "$work/rt_$f.o" & pids+=($!)
done
cc -I"$src/javascript" "$src/javascript/parser.c" -o "$work/js_parser.o" & pids+=($!)
cc -I"$src/javascript" "$src/javascript/scanner.c" -o "$work/js_scanner.o" & pids+=($!)
for g in typescript tsx; do
  cc -I"$src/typescript/$g" "$src/typescript/$g/parser.c" -o "$work/${g}_parser.o" & pids+=($!)
  cc -I"$src/typescript/$g" "$src/typescript/$g/scanner.c" -o "$work/${g}_scanner.o" & pids+=($!)
done
cc -I"$src" "$here/shim.c" -o "$work/shim.o" & pids+=($!)
for p in "${pids[@]}"; do wait "$p"; done
clang --target=wasm32-wasi --sysroot=/usr -L/usr/lib/wasm32-wasi -nostartfiles -mexec-model=reactor \
  /usr/lib/wasm32-wasi/crt1-reactor.o -Wl,--no-entry -Wl,--strip-all -Wl,--export=_initialize \
  -Wl,-z,stack-size=1048576 "$work"/*.o -o "$work/treesitter.wasm"
gzip -9 -n -c "$work/treesitter.wasm" >"$out.tmp"
mv "$out.tmp" "$out"

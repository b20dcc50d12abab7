// Package treesitter is the tree-sitter the analysis parses with: the few parts of the
// github.com/smacker/go-tree-sitter API that hmr/analysis/facts uses, with two backends.
//
// With cgo on (a native build, and the Linux release binaries), the C sources of go-tree-sitter and its grammar packages parse,
// called directly (cgo.go, tsapi.h) rather than through go-tree-sitter's Go bindings, which
// cost a call and a map entry per node: cold analysis is about four times faster that way.
// With CGO_ENABLED=0 (the darwin and win32 release binaries) or the tag
// hotswap_wasm, tree-sitter's C runtime and the JavaScript, TypeScript and
// TSX grammars compiled to WebAssembly (wasm/build.sh) run under wazero, which is pure Go. The
// two give the same trees, and the analysis tests run on both (make test-go). Both read a
// node's facts in one call and a node's children in one more (nodes.h), since the calls, not
// the walks, are what a per-node API costs.
package treesitter

// Package treesitter is the tree-sitter the analysis parses with: the few parts of the
// github.com/smacker/go-tree-sitter API that hmr/analysis/facts uses, with two backends.
//
// The default backend runs tree-sitter's C runtime and the JavaScript, TypeScript and TSX
// grammars compiled to WebAssembly (wasm/build.sh) under wazero, which is pure Go: the binary
// then builds with CGO_ENABLED=0 for every platform. Building with the tag hotswap_cgo (and cgo
// on) uses go-tree-sitter's cgo bindings instead; the two give the same trees, and the analysis
// tests run on both (make test-go).
package treesitter

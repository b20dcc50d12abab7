//go:build cgo && !hotswap_wasm

package treesitter

import (
	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Backend names the implementation in use, for benchmarks and version output.
const Backend = "cgo"

// The cgo backend is go-tree-sitter itself.
type (
	// Language is a grammar.
	Language = sitter.Language
	// Parser turns source into a Tree.
	Parser = sitter.Parser
	// Tree is a parsed file.
	Tree = sitter.Tree
	// Node is a node of a Tree.
	Node = sitter.Node
	// Point is a row and a byte column.
	Point = sitter.Point
	// Query is a compiled tree query.
	Query = sitter.Query
	// QueryCursor runs a Query over a node.
	QueryCursor = sitter.QueryCursor
	// QueryMatch is one match of a Query.
	QueryMatch = sitter.QueryMatch
	// QueryCapture is one captured node of a match.
	QueryCapture = sitter.QueryCapture
)

// NewParser returns a parser with no language set.
func NewParser() *Parser { return sitter.NewParser() }

// NewQuery compiles a query for a language.
func NewQuery(pattern []byte, lang *Language) (*Query, error) { return sitter.NewQuery(pattern, lang) }

// NewQueryCursor returns a cursor for running queries.
func NewQueryCursor() *QueryCursor { return sitter.NewQueryCursor() }

// JavaScript is the JavaScript (and JSX) grammar.
func JavaScript() *Language { return javascript.GetLanguage() }

// TypeScript is the TypeScript grammar.
func TypeScript() *Language { return typescript.GetLanguage() }

// TSX is the TypeScript-with-JSX grammar.
func TSX() *Language { return tsx.GetLanguage() }

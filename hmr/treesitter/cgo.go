//go:build cgo && !hotswap_wasm

package treesitter

/*
#include "tsapi.h"
#include "nodes.h"

// The cgo pointer checks cost more than these calls, and nothing here keeps a Go pointer.
#cgo noescape hs_fill_info
#cgo nocallback hs_fill_info
#cgo noescape hs_fill_children
#cgo nocallback hs_fill_children
#cgo noescape ts_parser_parse_string
#cgo nocallback ts_parser_parse_string
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	// The tree-sitter runtime and the grammars, as C code; this package calls it directly.
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/javascript"
	_ "github.com/smacker/go-tree-sitter/typescript/tsx"
	_ "github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Backend names the implementation in use, for benchmarks and version output.
const Backend = "cgo"

// Language is a grammar, with its node type names and field numbers looked up once.
type Language struct {
	ptr   *C.TSLanguage
	names []string
	// fields caches field numbers by name; tree-sitter would otherwise compare names on
	// every lookup.
	fields sync.Map // string -> C.TSFieldId
}

var (
	languagesOnce sync.Once
	languages     [3]*Language
)

func language(i int) *Language {
	languagesOnce.Do(func() {
		for i, ptr := range []*C.TSLanguage{C.tree_sitter_javascript(), C.tree_sitter_typescript(), C.tree_sitter_tsx()} {
			l := &Language{ptr: ptr}
			for s := C.uint32_t(0); s < C.ts_language_symbol_count(ptr); s++ {
				l.names = append(l.names, C.GoString(C.ts_language_symbol_name(ptr, C.TSSymbol(s))))
			}
			languages[i] = l
		}
	})
	return languages[i]
}

// JavaScript is the JavaScript (and JSX) grammar.
func JavaScript() *Language { return language(0) }

// TypeScript is the TypeScript grammar.
func TypeScript() *Language { return language(1) }

// TSX is the TypeScript-with-JSX grammar.
func TSX() *Language { return language(2) }

func (l *Language) fieldID(name string) C.TSFieldId {
	if id, ok := l.fields.Load(name); ok {
		return id.(C.TSFieldId)
	}
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	id := C.ts_language_field_id_for_name(l.ptr, cs, C.uint32_t(len(name)))
	l.fields.Store(name, id)
	return id
}

// Parser turns source into a Tree.
type Parser struct {
	ptr  *C.TSParser
	lang *Language
}

// NewParser returns a parser with no language set.
func NewParser() *Parser {
	p := &Parser{ptr: C.ts_parser_new()}
	runtime.AddCleanup(p, func(ptr *C.TSParser) { C.ts_parser_delete(ptr) }, p.ptr)
	return p
}

// SetLanguage picks the grammar.
func (p *Parser) SetLanguage(lang *Language) {
	if C.ts_parser_set_language(p.ptr, lang.ptr) {
		p.lang = lang
	}
}

// ParseCtx parses a whole file; old trees are not reused, so oldTree must be nil.
func (p *Parser) ParseCtx(_ context.Context, oldTree *Tree, content []byte) (*Tree, error) {
	if p.lang == nil {
		return nil, errors.New("tree-sitter: no language set")
	}
	if oldTree != nil {
		return nil, errors.New("tree-sitter: incremental parsing is not supported")
	}
	// tree-sitter reads the text during the call only, so it reads Go's copy.
	var src *C.char
	if len(content) > 0 {
		src = (*C.char)(unsafe.Pointer(&content[0]))
	}
	ptr := C.ts_parser_parse_string(p.ptr, nil, src, C.uint32_t(len(content)))
	runtime.KeepAlive(content)
	if ptr == nil {
		return nil, errors.New("tree-sitter: parsing failed")
	}
	return &Tree{ptr: ptr, lang: p.lang}, nil
}

// Tree is a parsed file. Its nodes are valid until Close.
type Tree struct {
	ptr  *C.TSTree
	lang *Language
}

// RootNode returns the tree's root.
func (t *Tree) RootNode() *Node { return t.node(C.ts_tree_root_node(t.ptr)) }

// Close frees the tree.
func (t *Tree) Close() {
	if t.ptr != nil {
		C.ts_tree_delete(t.ptr)
		t.ptr = nil
	}
}

// node wraps a TSNode, nil for the null node.
func (t *Tree) node(raw C.TSNode) *Node {
	if raw.id == nil {
		return nil
	}
	return &Node{entry: C.Entry{node: raw}, tree: t}
}

// Point is a row and a byte column.
type Point struct {
	Row    uint32
	Column uint32
}

// Node is a node of a Tree. Everything about it is read in one call, on first use.
type Node struct {
	entry  C.Entry
	tree   *Tree
	loaded bool
}

const (
	flagNamed    = 1
	flagMissing  = 2
	flagError    = 4
	flagHasError = 8
)

func (n *Node) load() *C.Info {
	if !n.loaded {
		C.hs_fill_info(n.entry.node, &n.entry.info)
		n.loaded = true
	}
	return &n.entry.info
}

// StartByte is the node's first byte offset.
func (n *Node) StartByte() uint32 { return uint32(n.load().start_byte) }

// EndByte is the offset just past the node.
func (n *Node) EndByte() uint32 { return uint32(n.load().end_byte) }

// StartPoint is where the node starts.
func (n *Node) StartPoint() Point {
	i := n.load()
	return Point{uint32(i.start_row), uint32(i.start_column)}
}

// EndPoint is where the node ends.
func (n *Node) EndPoint() Point {
	i := n.load()
	return Point{uint32(i.end_row), uint32(i.end_column)}
}

// Type is the node's grammar type, such as "import_statement".
func (n *Node) Type() string {
	symbol := int(n.load().symbol)
	if names := n.tree.lang.names; symbol < len(names) {
		return names[symbol]
	}
	// The error symbols (65535 and 65534) lie past the grammar's own.
	return C.GoString(C.ts_language_symbol_name(n.tree.lang.ptr, C.TSSymbol(symbol)))
}

// IsNamed reports whether the node is a named rule rather than an anonymous token.
func (n *Node) IsNamed() bool { return n.load().flags&flagNamed != 0 }

// IsMissing reports a node the parser inserted to recover from an error.
func (n *Node) IsMissing() bool { return n.load().flags&flagMissing != 0 }

// IsError reports an ERROR node.
func (n *Node) IsError() bool { return n.load().flags&flagError != 0 }

// HasError reports whether the node or any descendant is an error.
func (n *Node) HasError() bool { return n.load().flags&flagHasError != 0 }

// ChildCount counts all children, anonymous tokens included.
func (n *Node) ChildCount() uint32 { return uint32(n.load().child_count) }

// NamedChildCount counts the named children.
func (n *Node) NamedChildCount() uint32 { return uint32(n.load().named_child_count) }

// Child returns the i-th child, or nil.
func (n *Node) Child(i int) *Node { return n.tree.node(C.ts_node_child(n.entry.node, C.uint32_t(i))) }

// NamedChild returns the i-th named child, or nil.
func (n *Node) NamedChild(i int) *Node {
	return n.tree.node(C.ts_node_named_child(n.entry.node, C.uint32_t(i)))
}

// Children returns all children, anonymous tokens included, read in one call.
func (n *Node) Children() []*Node { return n.children(false, n.ChildCount()) }

// NamedChildren returns the named children, read in one call.
func (n *Node) NamedChildren() []*Node { return n.children(true, n.NamedChildCount()) }

func (n *Node) children(named bool, count uint32) []*Node {
	if count == 0 {
		return nil
	}
	flag := C.uint32_t(0)
	if named {
		flag = 1
	}
	entries := make([]C.Entry, count)
	got := C.hs_fill_children(n.entry.node, flag, 0, unsafe.Pointer(&entries[0]), C.uint32_t(unsafe.Sizeof(entries[0])), C.uint32_t(count))
	nodes := make([]Node, got)
	out := make([]*Node, got)
	for i := range out {
		nodes[i] = Node{entry: entries[i], tree: n.tree, loaded: true}
		out[i] = &nodes[i]
	}
	return out
}

// ChildByFieldName returns the child in a grammar field, or nil.
func (n *Node) ChildByFieldName(name string) *Node {
	id := n.tree.lang.fieldID(name)
	if id == 0 {
		return nil
	}
	return n.tree.node(C.ts_node_child_by_field_id(n.entry.node, id))
}

// Parent returns the node's parent, or nil for the root.
func (n *Node) Parent() *Node { return n.tree.node(C.ts_node_parent(n.entry.node)) }

// NamedDescendantForPointRange returns the smallest named node spanning start to end.
func (n *Node) NamedDescendantForPointRange(start, end Point) *Node {
	return n.tree.node(C.ts_node_named_descendant_for_point_range(n.entry.node,
		C.TSPoint{row: C.uint32_t(start.Row), column: C.uint32_t(start.Column)},
		C.TSPoint{row: C.uint32_t(end.Row), column: C.uint32_t(end.Column)}))
}

// Content is the node's text in the source it was parsed from.
func (n *Node) Content(input []byte) string { return string(input[n.StartByte():n.EndByte()]) }

// Query is a compiled tree query, shared by every goroutine.
type Query struct {
	ptr      *C.TSQuery
	captures []string
}

// NewQuery compiles a query for a language, reporting where a bad one goes wrong.
func NewQuery(pattern []byte, lang *Language) (*Query, error) {
	src := C.CBytes(pattern)
	defer C.free(src)
	var offset C.uint32_t
	var kind C.TSQueryError
	ptr := C.ts_query_new(lang.ptr, (*C.char)(src), C.uint32_t(len(pattern)), &offset, &kind)
	if ptr == nil {
		return nil, fmt.Errorf("tree-sitter query: error %d at offset %d", kind, offset)
	}
	q := &Query{ptr: ptr}
	for id := C.uint32_t(0); id < C.ts_query_capture_count(ptr); id++ {
		var length C.uint32_t
		name := C.ts_query_capture_name_for_id(ptr, id, &length)
		q.captures = append(q.captures, C.GoStringN(name, C.int(length)))
	}
	return q, nil
}

// QueryCursor runs a Query over a node.
type QueryCursor struct {
	ptr  *C.TSQueryCursor
	tree *Tree
}

// NewQueryCursor returns a cursor; Close frees it.
func NewQueryCursor() *QueryCursor { return &QueryCursor{ptr: C.ts_query_cursor_new()} }

// Exec starts running q over the subtree at n.
func (qc *QueryCursor) Exec(q *Query, n *Node) {
	qc.tree = n.tree
	C.ts_query_cursor_exec(qc.ptr, q.ptr, n.entry.node)
}

// NextMatch returns the next match, or false when there are no more.
func (qc *QueryCursor) NextMatch() (*QueryMatch, bool) {
	if qc.tree == nil {
		return nil, false
	}
	var m C.TSQueryMatch
	if !C.ts_query_cursor_next_match(qc.ptr, &m) {
		return nil, false
	}
	out := &QueryMatch{ID: uint32(m.id), PatternIndex: uint16(m.pattern_index)}
	if m.capture_count > 0 {
		for _, c := range unsafe.Slice(m.captures, m.capture_count) {
			out.Captures = append(out.Captures, QueryCapture{Index: uint32(c.index), Node: qc.tree.node(c.node)})
		}
	}
	return out, true
}

// Close frees the cursor.
func (qc *QueryCursor) Close() {
	if qc.ptr != nil {
		C.ts_query_cursor_delete(qc.ptr)
		qc.ptr = nil
	}
	qc.tree = nil
}

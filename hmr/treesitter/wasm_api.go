//go:build !cgo || hotswap_wasm

package treesitter

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
)

// Language is a grammar, by its number in the module (see hs_language in wasm/shim.c).
type Language struct{ index int }

var languages = [3]Language{{0}, {1}, {2}}

// JavaScript is the JavaScript (and JSX) grammar.
func JavaScript() *Language { return &languages[0] }

// TypeScript is the TypeScript grammar.
func TypeScript() *Language { return &languages[1] }

// TSX is the TypeScript-with-JSX grammar.
func TSX() *Language { return &languages[2] }

// Parser turns source into a Tree. It holds no module memory of its own: each parse borrows an
// instance, which its Tree keeps until Close.
type Parser struct{ lang *Language }

// NewParser returns a parser with no language set.
func NewParser() *Parser { return &Parser{} }

// SetLanguage picks the grammar.
func (p *Parser) SetLanguage(lang *Language) { p.lang = lang }

// ParseCtx parses a whole file; old trees are not reused, so oldTree must be nil.
func (p *Parser) ParseCtx(_ context.Context, oldTree *Tree, content []byte) (*Tree, error) {
	if p.lang == nil {
		return nil, errors.New("tree-sitter: no language set")
	}
	if oldTree != nil {
		return nil, errors.New("tree-sitter: incremental parsing is not supported")
	}
	in, err := acquire()
	if err != nil {
		return nil, err
	}
	lang := p.lang.index
	if in.parsers[lang] == 0 {
		in.parsers[lang] = uint32(in.call(in.parserNew, uint64(in.langs[lang])))
		if in.parsers[lang] == 0 {
			release(in)
			return nil, errors.New("tree-sitter: the grammar's version does not match the runtime")
		}
	}
	src := in.bytesIn(content)
	tree := uint32(in.call(in.parse, uint64(in.parsers[lang]), uint64(src), uint64(len(content))))
	in.call(in.free, uint64(src))
	if tree == 0 {
		release(in)
		return nil, errors.New("tree-sitter: parsing failed")
	}
	return &Tree{in: in, ptr: tree, lang: lang}, nil
}

// Tree is a parsed file. Its nodes are valid until Close.
type Tree struct {
	in   *instance
	ptr  uint32
	lang int
}

// RootNode returns the tree's root.
func (t *Tree) RootNode() *Node {
	t.in.call(t.in.root, uint64(t.ptr), uint64(t.in.scratch+scratchNodeOut))
	return t.nodeOut()
}

// Close frees the tree and gives its instance back.
func (t *Tree) Close() {
	if t.in == nil {
		return
	}
	t.in.call(t.in.treeDelete, uint64(t.ptr))
	release(t.in)
	t.in = nil
}

// nodeOut reads the TSNode a call left in the scratch output, nil for the null node.
func (t *Tree) nodeOut() *Node {
	return t.nodeAt(t.in.scratch + scratchNodeOut)
}

// nodeAt reads a TSNode from module memory.
func (t *Tree) nodeAt(ptr uint32) *Node {
	raw, ok := t.in.mem.Read(ptr, tsNodeSize)
	if !ok || binary.LittleEndian.Uint32(raw[16:]) == 0 {
		return nil
	}
	n := &Node{tree: t}
	copy(n.raw[:], raw)
	return n
}

// tsNodeSize is sizeof(TSNode) on wasm32: four uint32s of context and two pointers.
const tsNodeSize = 24

// Point is a row and a byte column.
type Point struct {
	Row    uint32
	Column uint32
}

// Node is a node of a Tree.
type Node struct {
	raw  [tsNodeSize]byte
	tree *Tree
	info *nodeInfo
}

// nodeInfo is the shim's Info struct: everything the API reads about a node, in one call.
type nodeInfo struct {
	symbol                      uint32
	startByte, endByte          uint32
	start, end                  Point
	childCount, namedChildCount uint32
	flags                       uint32
}

const (
	flagNamed    = 1
	flagMissing  = 2
	flagError    = 4
	flagHasError = 8
)

// in writes the node to the scratch input and returns its address.
func (n *Node) in() uint32 {
	in := n.tree.in
	in.mem.Write(in.scratch+scratchNodeIn, n.raw[:])
	return in.scratch + scratchNodeIn
}

func (n *Node) load() *nodeInfo {
	if n.info != nil {
		return n.info
	}
	in := n.tree.in
	out := in.scratch + scratchInfo
	in.call(in.info, uint64(n.in()), uint64(out))
	raw, _ := in.mem.Read(out, infoSize)
	n.info = readInfo(raw)
	return n.info
}

// infoSize is sizeof(Info) in nodes.h, ten uint32s, and entrySize sizeof(Entry), a TSNode
// and an Info.
const (
	infoSize  = 40
	entrySize = tsNodeSize + infoSize
)

// readInfo decodes an Info.
func readInfo(raw []byte) *nodeInfo {
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(raw[4*i:]) }
	return &nodeInfo{
		symbol: u(0), startByte: u(1), endByte: u(2),
		start: Point{u(3), u(4)}, end: Point{u(5), u(6)},
		childCount: u(7), namedChildCount: u(8), flags: u(9),
	}
}

// Children returns all children, anonymous tokens included, read batchSize at a time.
func (n *Node) Children() []*Node { return n.children(0, n.ChildCount()) }

// NamedChildren returns the named children, read batchSize at a time.
func (n *Node) NamedChildren() []*Node { return n.children(1, n.NamedChildCount()) }

func (n *Node) children(named uint64, count uint32) []*Node {
	if count == 0 {
		return nil
	}
	in := n.tree.in
	nodes := make([]Node, 0, count)
	for first := uint32(0); first < count; {
		got := uint32(in.call(in.children, uint64(n.in()), named, uint64(first), uint64(in.batch), batchSize))
		if got == 0 {
			break
		}
		entries, _ := in.mem.Read(in.batch, got*entrySize)
		for i := uint32(0); i < got; i++ {
			e := entries[i*entrySize:]
			c := Node{tree: n.tree, info: readInfo(e[tsNodeSize:])}
			copy(c.raw[:], e)
			nodes = append(nodes, c)
		}
		first += got
	}
	out := make([]*Node, len(nodes))
	for i := range nodes {
		out[i] = &nodes[i]
	}
	return out
}

// StartByte is the node's first byte offset.
func (n Node) StartByte() uint32 { return binary.LittleEndian.Uint32(n.raw[0:]) }

// EndByte is the offset just past the node.
func (n *Node) EndByte() uint32 { return n.load().endByte }

// StartPoint is where the node starts.
func (n Node) StartPoint() Point {
	return Point{binary.LittleEndian.Uint32(n.raw[4:]), binary.LittleEndian.Uint32(n.raw[8:])}
}

// EndPoint is where the node ends.
func (n *Node) EndPoint() Point { return n.load().end }

// Type is the node's grammar type, such as "import_statement".
func (n *Node) Type() string { return n.tree.in.typeName(n.tree.lang, n.load().symbol) }

// IsNamed reports whether the node is a named rule rather than an anonymous token.
func (n *Node) IsNamed() bool { return n.load().flags&flagNamed != 0 }

// IsMissing reports a node the parser inserted to recover from an error.
func (n *Node) IsMissing() bool { return n.load().flags&flagMissing != 0 }

// IsError reports an ERROR node.
func (n *Node) IsError() bool { return n.load().flags&flagError != 0 }

// HasError reports whether the node or any descendant is an error.
func (n *Node) HasError() bool { return n.load().flags&flagHasError != 0 }

// ChildCount counts all children, anonymous tokens included.
func (n *Node) ChildCount() uint32 { return n.load().childCount }

// NamedChildCount counts the named children.
func (n *Node) NamedChildCount() uint32 { return n.load().namedChildCount }

// Child returns the i-th child, or nil.
func (n *Node) Child(i int) *Node {
	in := n.tree.in
	in.call(in.child, uint64(n.in()), uint64(uint32(i)), uint64(in.scratch+scratchNodeOut))
	return n.tree.nodeOut()
}

// NamedChild returns the i-th named child, or nil.
func (n *Node) NamedChild(i int) *Node {
	in := n.tree.in
	in.call(in.namedChild, uint64(n.in()), uint64(uint32(i)), uint64(in.scratch+scratchNodeOut))
	return n.tree.nodeOut()
}

// ChildByFieldName returns the child in a grammar field, or nil.
func (n *Node) ChildByFieldName(name string) *Node {
	in := n.tree.in
	if len(name) > scratchSize-scratchText {
		return nil // no field name in these grammars is that long
	}
	in.mem.WriteString(in.scratch+scratchText, name)
	in.call(in.childByFieldName, uint64(n.in()), uint64(in.scratch+scratchText), uint64(len(name)),
		uint64(in.scratch+scratchNodeOut))
	return n.tree.nodeOut()
}

// Parent returns the node's parent, or nil for the root.
func (n *Node) Parent() *Node {
	in := n.tree.in
	in.call(in.parent, uint64(n.in()), uint64(in.scratch+scratchNodeOut))
	return n.tree.nodeOut()
}

// NamedDescendantForPointRange returns the smallest named node spanning start to end.
func (n *Node) NamedDescendantForPointRange(start, end Point) *Node {
	in := n.tree.in
	in.call(in.namedDescendant, uint64(n.in()), uint64(start.Row), uint64(start.Column),
		uint64(end.Row), uint64(end.Column), uint64(in.scratch+scratchNodeOut))
	return n.tree.nodeOut()
}

// Content is the node's text in the source it was parsed from.
func (n *Node) Content(input []byte) string { return string(input[n.StartByte():n.EndByte()]) }

// Query is a compiled tree query. It is compiled once per instance, on first use there.
type Query struct {
	pattern  []byte
	lang     *Language
	captures []string
}

// NewQuery compiles a query for a language, reporting where a bad one goes wrong.
func NewQuery(pattern []byte, lang *Language) (*Query, error) {
	q := &Query{pattern: pattern, lang: lang}
	in, err := acquire()
	if err != nil {
		return nil, err
	}
	defer release(in)
	src := in.bytesIn(pattern)
	ptr := uint32(in.call(in.queryNew, uint64(in.langs[lang.index]), uint64(src),
		uint64(len(pattern)), uint64(in.scratch+scratchErr)))
	in.call(in.free, uint64(src))
	if ptr == 0 {
		return nil, fmt.Errorf("tree-sitter query: error %d at offset %d", in.u32(in.scratch+scratchErr+4), in.u32(in.scratch+scratchErr))
	}
	in.queries[q] = ptr
	count := uint32(in.call(in.captureCount, uint64(ptr)))
	for id := uint32(0); id < count; id++ {
		name := uint32(in.call(in.captureName, uint64(ptr), uint64(id), uint64(in.scratch+scratchLen)))
		text, _ := in.mem.Read(name, in.u32(in.scratch+scratchLen))
		q.captures = append(q.captures, string(text))
	}
	return q, nil
}

// compiledIn returns the query's address in an instance, compiling it there first if needed.
func (q *Query) compiledIn(in *instance) uint32 {
	if ptr, ok := in.queries[q]; ok {
		return ptr
	}
	src := in.bytesIn(q.pattern)
	ptr := uint32(in.call(in.queryNew, uint64(in.langs[q.lang.index]), uint64(src),
		uint64(len(q.pattern)), uint64(in.scratch+scratchErr)))
	in.call(in.free, uint64(src))
	in.queries[q] = ptr
	return ptr
}

// QueryCursor runs a Query over a node.
type QueryCursor struct {
	tree *Tree
	ptr  uint32
}

// NewQueryCursor returns a cursor; it takes module memory on Exec.
func NewQueryCursor() *QueryCursor { return &QueryCursor{} }

// Exec starts running q over the subtree at n.
func (qc *QueryCursor) Exec(q *Query, n *Node) {
	qc.Close()
	qc.tree = n.tree
	in := n.tree.in
	qc.ptr = uint32(in.call(in.cursorNew))
	in.call(in.cursorExec, uint64(qc.ptr), uint64(q.compiledIn(in)), uint64(n.in()))
}

// NextMatch returns the next match, or false when there are no more.
func (qc *QueryCursor) NextMatch() (*QueryMatch, bool) {
	if qc.tree == nil {
		return nil, false
	}
	in := qc.tree.in
	out := in.scratch + scratchMatch
	if in.call(in.cursorNextMatch, uint64(qc.ptr), uint64(out)) == 0 {
		return nil, false
	}
	raw, _ := in.mem.Read(out, 12)
	m := &QueryMatch{
		ID:           binary.LittleEndian.Uint32(raw[0:]),
		PatternIndex: binary.LittleEndian.Uint16(raw[4:]),
	}
	count := binary.LittleEndian.Uint16(raw[6:])
	captures := binary.LittleEndian.Uint32(raw[8:])
	const captureSize = tsNodeSize + 4
	for i := uint32(0); i < uint32(count); i++ {
		at := captures + i*captureSize
		m.Captures = append(m.Captures, QueryCapture{Node: qc.tree.nodeAt(at), Index: in.u32(at + tsNodeSize)})
	}
	return m, true
}

// Close frees the cursor's module memory.
func (qc *QueryCursor) Close() {
	if qc.tree != nil && qc.tree.in != nil {
		qc.tree.in.call(qc.tree.in.cursorDelete, uint64(qc.ptr))
	}
	qc.tree = nil
}

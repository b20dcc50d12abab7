package facts

import (
	"bytes"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// elidableImport is a TypeScript import declaration with bindings. TypeScript (and
// oxc-transform, which the runtime uses) erases such a declaration when none of its bindings
// is used as a value, so it makes no edge at run time.
type elidableImport struct {
	index      int // in Facts.Imports
	names      []string
	start, end uint32
}

// noteElidable records an import declaration that TypeScript may erase.
func (x *extractor) noteElidable(stmt *sitter.Node, index int) {
	names := bindingNames(stmt, x.src)
	if len(names) == 0 {
		return // `import "./x.js"` is kept for its side effects
	}
	x.elidable = append(x.elidable, elidableImport{index: index, names: names, start: stmt.StartByte(), end: stmt.EndByte()})
}

// elideUnusedImports drops the imports whose bindings are never used as a value outside
// import declarations. Each binding's occurrences are found in the text and only those are
// looked up in the tree, stopping at the first value use: most bindings are used as values
// early, so this costs a few cgo calls per binding instead of a query over every identifier.
func (x *extractor) elideUnusedImports(root *sitter.Node) {
	if len(x.elidable) == 0 {
		return
	}
	var lines *LineIndex
	drop := map[int]bool{}
	for _, e := range x.elidable {
		used := false
		for _, name := range e.names {
			if x.usedAsValue(root, name, &lines) {
				used = true
				break
			}
		}
		if !used {
			drop[e.index] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := x.facts.Imports[:0]
	for i, imp := range x.facts.Imports {
		if !drop[i] {
			kept = append(kept, imp)
		}
	}
	x.facts.Imports = kept
}

// usedAsValue reports whether name occurs, outside import declarations, as an identifier in
// a value position (not a type reference, `NS.Type` or `typeof name` in a type).
func (x *extractor) usedAsValue(root *sitter.Node, name string, lines **LineIndex) bool {
	for from := 0; ; {
		i := bytes.Index(x.src[from:], []byte(name))
		if i < 0 {
			return false
		}
		at := from + i
		from = at + len(name)
		if !wholeWord(x.src, at, from) || x.insideImport(uint32(at)) {
			continue
		}
		if *lines == nil {
			*lines = NewLineIndex(x.src)
		}
		p := (*lines).pointAt(at)
		point := sitter.Point{Row: uint32(p.Line), Column: uint32(p.Column)}
		n := root.NamedDescendantForPointRange(point, point)
		if n == nil || int(n.StartByte()) != at {
			continue
		}
		switch n.Type() {
		case "identifier", "shorthand_property_identifier":
			if !inTypeContext(n) {
				return true
			}
		}
	}
}

// inTypeContext reports whether an identifier is part of `NS.Type` or `typeof x` in a type.
func inTypeContext(n *sitter.Node) bool {
	a := n.Parent()
	for depth := 0; a != nil && depth < 3; depth++ {
		switch a.Type() {
		case "nested_type_identifier", "type_query":
			return true
		case "nested_identifier", "member_expression":
			a = a.Parent()
		default:
			return false
		}
	}
	return false
}

// wholeWord reports whether src[start:end] is not part of a longer identifier.
func wholeWord(src []byte, start, end int) bool {
	isIdent := func(b byte) bool {
		return b == '_' || b == '$' || b >= 0x80 || (b >= '0' && b <= '9') || (b|0x20 >= 'a' && b|0x20 <= 'z')
	}
	return (start == 0 || !isIdent(src[start-1])) && (end >= len(src) || !isIdent(src[end]))
}

// insideImport reports whether a byte offset falls in one of the elidable import declarations.
func (x *extractor) insideImport(offset uint32) bool {
	for _, e := range x.elidable {
		if offset >= e.start && offset < e.end {
			return true
		}
	}
	return false
}

package facts

import (
	"bytes"
	"strconv"
	"strings"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// rangeOf converts a node's span.
func rangeOf(n *sitter.Node) Range {
	s, e := n.StartPoint(), n.EndPoint()
	return Range{
		Start:     Point{Line: int(s.Row), Column: int(s.Column)},
		End:       Point{Line: int(e.Row), Column: int(e.Column)},
		StartByte: int(n.StartByte()),
		EndByte:   int(n.EndByte()),
	}
}

// hasToken reports whether n has an anonymous child token such as `type`, which TypeScript
// puts right after `import` or `export` in type-only declarations. A keyword token's text is
// its type, so n's text is searched first: most nodes have none and cost no call then.
func hasToken(n *sitter.Node, token string, src []byte) bool {
	if !bytes.Contains(src[n.StartByte():n.EndByte()], []byte(token)) {
		return false
	}
	for _, c := range n.Children() {
		if !c.IsNamed() && c.Type() == token {
			return true
		}
	}
	return false
}

// typeOnly reports whether a TypeScript import or export declaration is erased: `import type`,
// `export type`, or braces listing only `type` names. The source text is checked first, since
// asking tree-sitter for children costs a cgo call each and most declarations are plain.
func (x *extractor) typeOnly(stmt *sitter.Node) bool {
	if !x.typed || !bytes.Contains(x.src[stmt.StartByte():stmt.EndByte()], []byte("type")) {
		return false
	}
	return hasToken(stmt, "type", x.src) || onlyTypeSpecifiers(stmt, x.src)
}

// onlyTypeSpecifiers reports whether an import or export lists names and every one of them is
// marked `type`: TypeScript then erases the whole declaration, so it makes no edge.
func onlyTypeSpecifiers(stmt *sitter.Node, src []byte) bool {
	list := findChild(stmt, "import_clause")
	if list != nil {
		if list.NamedChildCount() != 1 {
			return false // a default or namespace import besides the braces is a value
		}
		list = findChild(list, "named_imports")
	} else {
		list = findChild(stmt, "export_clause")
	}
	if list == nil || list.NamedChildCount() == 0 {
		return false
	}
	for _, spec := range list.NamedChildren() {
		if !hasToken(spec, "type", src) {
			return false
		}
	}
	return true
}

// findChild returns n's first named child of a type.
func findChild(n *sitter.Node, typ string) *sitter.Node {
	for _, c := range n.NamedChildren() {
		if c.Type() == typ {
			return c
		}
	}
	return nil
}

// collectBindings records the local names an import declaration binds.
func (x *extractor) collectBindings(stmt *sitter.Node) {
	for _, name := range bindingNames(stmt, x.src) {
		x.bindings[name] = true
	}
}

// bindingNames lists the local names an import declaration binds (none for `import "x"`).
func bindingNames(stmt *sitter.Node, src []byte) []string {
	clause := findChild(stmt, "import_clause")
	if clause == nil {
		return nil
	}
	var names []string
	for _, c := range clause.NamedChildren() {
		switch c.Type() {
		case "identifier":
			names = append(names, c.Content(src))
		case "namespace_import":
			if id := findChild(c, "identifier"); id != nil {
				names = append(names, id.Content(src))
			}
		case "named_imports":
			for _, spec := range c.NamedChildren() {
				if hasToken(spec, "type", src) {
					continue
				}
				local := spec.ChildByFieldName("alias")
				if local == nil {
					local = spec.ChildByFieldName("name")
				}
				if local != nil {
					names = append(names, local.Content(src))
				}
			}
		}
	}
	return names
}

// stringValue reads a string literal, or a template literal without substitutions.
func stringValue(n *sitter.Node, src []byte) (string, bool) {
	switch n.Type() {
	case "string":
	case "template_string":
		if findChild(n, "template_substitution") != nil {
			return "", false
		}
	default:
		return "", false
	}
	raw := n.Content(src)
	if len(raw) < 2 {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	if !strings.Contains(inner, `\`) {
		return inner, true
	}
	inner = strings.NewReplacer(`\'`, `'`, "\\`", "`", `"`, `\"`).Replace(inner)
	unquoted, err := strconv.Unquote(`"` + inner + `"`)
	if err != nil {
		return inner, true
	}
	return unquoted, true
}

// exportStatement records the names an export declares and, for `export ... from`, the
// module it re-exports from. Type-only exports are left out.
func (x *extractor) exportStatement(stmt *sitter.Node) {
	// As for imports, type stripping removes `export type {...}` and type declarations whole
	// but leaves `export { type A }` as `export {}`.
	if !x.facts.ModuleSyntax && !(x.typed && hasToken(stmt, "type", x.src)) {
		if decl := stmt.ChildByFieldName("declaration"); decl == nil || !typeDeclarations[decl.Type()] {
			x.facts.ModuleSyntax = true
		}
	}
	if x.typeOnly(stmt) {
		return
	}
	add := func(name string, n *sitter.Node) {
		x.facts.Exports = append(x.facts.Exports, Export{Name: name, Range: rangeOf(n)})
	}
	if source := stmt.ChildByFieldName("source"); source != nil {
		if text, ok := stringValue(source, x.src); ok {
			x.facts.Imports = append(x.facts.Imports, Import{
				Specifier: text, Kind: ImportReExport, Range: rangeOf(source), Literal: true,
			})
		}
	}
	text := x.src[stmt.StartByte():stmt.EndByte()]
	if bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(text, []byte("export"))), []byte("default")) {
		add("default", stmt)
		return
	}
	if decl := stmt.ChildByFieldName("declaration"); decl != nil {
		x.declarationNames(decl, add)
		return
	}
	if clause := findChild(stmt, "export_clause"); clause != nil {
		for _, spec := range clause.NamedChildren() {
			if hasToken(spec, "type", x.src) {
				continue
			}
			name := spec.ChildByFieldName("alias")
			if name == nil {
				name = spec.ChildByFieldName("name")
			}
			if name != nil {
				add(name.Content(x.src), spec)
			}
		}
		return
	}
	if ns := findChild(stmt, "namespace_export"); ns != nil {
		if id := ns.NamedChild(0); id != nil {
			add(id.Content(x.src), ns)
		}
		return
	}
	if hasToken(stmt, "*", x.src) {
		add("*", stmt)
	}
}

// typeDeclarations are exported declarations that type stripping removes whole, so they do
// not make a file an ES module.
var typeDeclarations = map[string]bool{
	"interface_declaration": true, "type_alias_declaration": true, "ambient_declaration": true,
}

// declarationNames reports the value names an exported declaration binds.
func (x *extractor) declarationNames(decl *sitter.Node, add func(string, *sitter.Node)) {
	switch decl.Type() {
	case "function_declaration", "generator_function_declaration", "class_declaration",
		"abstract_class_declaration", "enum_declaration", "function_signature":
		if name := decl.ChildByFieldName("name"); name != nil {
			add(name.Content(x.src), decl)
		}
	case "lexical_declaration", "variable_declaration":
		for _, d := range decl.NamedChildren() {
			if d.Type() != "variable_declarator" {
				continue
			}
			if name := d.ChildByFieldName("name"); name != nil {
				add(name.Content(x.src), d)
			}
		}
	}
}

// firstSyntaxError finds the first ERROR or MISSING node under a root that has errors.
func firstSyntaxError(root *sitter.Node, src []byte) SyntaxError {
	n := root
	for {
		var next *sitter.Node
		for _, c := range n.Children() {
			if c.IsMissing() {
				return SyntaxError{Message: "missing " + strconv.Quote(c.Type()), Range: rangeOf(c)}
			}
			if c.IsError() {
				return SyntaxError{Message: "unexpected " + describe(c, src), Range: rangeOf(c)}
			}
			if c.HasError() {
				next = c
				break
			}
		}
		if next == nil {
			return SyntaxError{Message: "syntax error", Range: rangeOf(n)}
		}
		n = next
	}
}

// describe quotes the start of an erroneous span for a message.
func describe(n *sitter.Node, src []byte) string {
	text := n.Content(src)
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	if len(text) > 40 {
		text = text[:40] + "..."
	}
	if text == "" {
		return "end of file"
	}
	return strconv.Quote(text)
}

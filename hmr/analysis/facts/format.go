package facts

import (
	"bytes"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// commonJSWrapperNames are the parameters of Node's CommonJS wrapper function: a top-level
// `const`, `let` or `class` of one of them cannot be CommonJS, so Node's syntax detection takes
// it as ES module syntax.
var commonJSWrapperNames = map[string]bool{
	"require": true, "module": true, "exports": true, "__filename": true, "__dirname": true,
}

// detectModuleSyntax completes f.ModuleSyntax for a file with no import or export declaration,
// by the rest of Node's rule for files whose package.json gives no "type": an `import.meta`,
// an `await` at the top level (for-await included), or a lexical redeclaration of a CommonJS
// wrapper name. Each check runs only when the text can hold what it looks for.
func detectModuleSyntax(root *sitter.Node, src []byte) bool {
	if bytes.Contains(src, []byte("meta")) && containsImportMeta(root) {
		return true
	}
	if bytes.Contains(src, []byte("await")) && topLevelAwait(root, src) {
		return true
	}
	for _, stmt := range root.NamedChildren() {
		switch stmt.Type() {
		case "lexical_declaration":
			for _, d := range stmt.NamedChildren() {
				if name := d.ChildByFieldName("name"); name != nil && commonJSWrapperNames[name.Content(src)] {
					return true
				}
			}
		case "class_declaration":
			if name := stmt.ChildByFieldName("name"); name != nil && commonJSWrapperNames[name.Content(src)] {
				return true
			}
		}
	}
	return false
}

// containsImportMeta reports whether the tree has an `import.meta` anywhere.
func containsImportMeta(n *sitter.Node) bool {
	switch n.Type() {
	case "meta_property":
		return true
	case "member_expression":
		if object := n.ChildByFieldName("object"); object != nil && object.Type() == "import" {
			return true
		}
	}
	for _, c := range n.NamedChildren() {
		if containsImportMeta(c) {
			return true
		}
	}
	return false
}

// functionScopes are the nodes whose bodies are not the top level: an `await` inside them
// belongs to a function.
var functionScopes = map[string]bool{
	"function_declaration": true, "function_expression": true, "function": true,
	"generator_function_declaration": true, "generator_function": true, "arrow_function": true,
	"method_definition": true, "class_body": true,
}

// topLevelAwait reports whether an `await` stands outside every function.
func topLevelAwait(n *sitter.Node, src []byte) bool {
	switch {
	case n.Type() == "await_expression":
		return true
	case n.Type() == "for_in_statement" && hasToken(n, "await", src):
		return true
	case functionScopes[n.Type()]:
		return false
	}
	for _, c := range n.NamedChildren() {
		if topLevelAwait(c, src) {
			return true
		}
	}
	return false
}

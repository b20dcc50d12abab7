package facts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// Parse extracts the facts of one file; name picks the language by its extension. A file that
// does not parse still yields the facts of its intact parts, plus SyntaxErrors. The error is
// only for a file the analysis cannot read as source at all (an unknown extension).
func Parse(name string, src []byte) (*Facts, error) {
	lang := LanguageOf(name)
	switch lang {
	case LanguageNone:
		return nil, fmt.Errorf("%s: not a JavaScript, TypeScript or JSON file", name)
	case LanguageJSON:
		return parseJSON(src), nil
	}
	g, err := grammarFor(lang)
	if err != nil {
		return nil, err
	}
	parser := g.parsers.Get().(*sitter.Parser)
	tree, err := parser.ParseCtx(context.Background(), nil, src)
	g.parsers.Put(parser)
	if err != nil {
		return nil, fmt.Errorf("%s: parsing: %w", name, err)
	}
	defer tree.Close()
	root := tree.RootNode()

	f := &Facts{Language: lang}
	x := extractor{src: src, facts: f, typed: lang != LanguageJavaScript, bindings: map[string]bool{}}
	if root.HasError() {
		q, err := g.declarations()
		if err != nil {
			return nil, err
		}
		x.run(q, root)
	} else {
		x.topLevel(root)
	}
	x.elideUnusedImports(root)
	if mentionsCalls(src) {
		q, err := g.calls()
		if err != nil {
			return nil, err
		}
		x.run(q, root)
		if len(x.aliases) > 0 {
			q, err := g.aliasCalls()
			if err != nil {
				return nil, err
			}
			x.aliasedCalls(q, root)
		}
	}
	if f.SelfAccepts() {
		for _, stmt := range x.importNodes {
			x.collectBindings(stmt)
		}
		q, err := g.effects()
		if err != nil {
			return nil, err
		}
		x.effects(q, root)
	}
	if !f.ModuleSyntax {
		f.ModuleSyntax = detectModuleSyntax(root, src)
	}
	if root.HasError() {
		f.SyntaxErrors = append(f.SyntaxErrors, firstSyntaxError(root, src))
	}
	return f, nil
}

// extractor turns query matches into facts.
type extractor struct {
	src   []byte
	facts *Facts
	// typed is set for TypeScript, whose type-only imports and exports make no edge.
	typed bool
	// elidable are TypeScript imports with bindings, which are erased if no binding is used
	// as a value.
	elidable []elidableImport
	// importNodes are the value imports, kept to read their bindings if effects are needed.
	importNodes []*sitter.Node
	// bindings holds the local names the file's imports bind, to spot `.on(` on an imported
	// emitter.
	bindings map[string]bool
	// aliases maps the names bound to import.meta.hot or import.meta.dynoHot (`const hot =
	// import.meta.hot`) to the property they stand for.
	aliases map[string]string
	// options holds the second argument of dynamic imports that are not a boundary by their
	// text, by index in facts.Imports: `hot?.boundary` is one once `hot` is known as an alias.
	options map[int]*sitter.Node
}

// mentionsCalls spots files that may hold a dynamic import or an import.meta call (`import`
// followed, after optional white space, by "(" or "."), a `require(` call or a webpack
// `module.hot` call, the only ones worth running the calls query on.
func mentionsCalls(src []byte) bool {
	if bytes.Contains(src, []byte("module.hot")) || bytes.Contains(src, []byte("require(")) {
		return true
	}
	for rest := src; ; {
		i := bytes.Index(rest, []byte("import"))
		if i < 0 {
			return false
		}
		rest = rest[i+len("import"):]
		j := 0
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\n' || rest[j] == '\r') {
			j++
		}
		if j < len(rest) && (rest[j] == '(' || rest[j] == '.') {
			return true
		}
	}
}

// topLevel reads the import and export declarations of a file that parsed cleanly: the
// language only allows them at the top level. Walking the top level directly costs one call
// into tree-sitter per statement (NamedChildren reads a node's children in one), far less than
// a query over every node.
func (x *extractor) topLevel(root *sitter.Node) {
	for _, stmt := range root.NamedChildren() {
		switch stmt.Type() {
		case "import_statement":
			if source := stmt.ChildByFieldName("source"); source != nil {
				x.importStatement(stmt, source)
			}
		case "export_statement":
			x.exportStatement(stmt)
		}
	}
}

// eachMatch runs query over root and calls fn with each match's captures by name.
func eachMatch(query *sitter.Query, root *sitter.Node, fn func(captures map[string]*sitter.Node)) {
	cursor := sitter.NewQueryCursor()
	defer cursor.Close()
	cursor.Exec(query, root)
	for {
		match, ok := cursor.NextMatch()
		if !ok {
			return
		}
		captures := map[string]*sitter.Node{}
		for _, c := range match.Captures {
			captures[query.CaptureNameForId(c.Index)] = c.Node
		}
		fn(captures)
	}
}

// run executes the declarations or the calls query and records what it matches.
func (x *extractor) run(query *sitter.Query, root *sitter.Node) {
	eachMatch(query, root, func(captures map[string]*sitter.Node) {
		switch {
		case captures["import"] != nil:
			x.importStatement(captures["import"], captures["import.source"])
		case captures["export"] != nil:
			x.exportStatement(captures["export"])
		case captures["dynamic"] != nil:
			x.dynamicImport(captures["dynamic.args"])
		case captures["require"] != nil:
			if captures["require.name"].Content(x.src) == "require" {
				if text, ok := stringValue(captures["require.source"], x.src); ok {
					x.facts.Imports = append(x.facts.Imports, Import{Specifier: text, Kind: ImportRequire, Range: rangeOf(captures["require.source"]), Literal: true})
				}
			}
		case captures["hot"] != nil:
			if module := captures["hot.module"]; module != nil {
				if module.Content(x.src) == "module" && captures["hot.object"].Content(x.src) == "hot" {
					x.hotCall(captures["hot"], "hot", captures["hot.method"], captures["hot.args"])
				}
			} else if meta := captures["hot.meta"]; meta == nil || meta.Content(x.src) == "meta" {
				x.hotCall(captures["hot"], captures["hot.object"].Content(x.src), captures["hot.method"], captures["hot.args"])
			}
		case captures["alias"] != nil:
			if meta := captures["alias.meta"]; meta == nil || meta.Content(x.src) == "meta" {
				x.hotAlias(captures["alias.name"], captures["alias.object"], captures["alias.pattern"])
			}
		}
	})
}

func (x *extractor) importStatement(stmt, source *sitter.Node) {
	// Node's type stripping removes `import type` whole but leaves `import { type A }` as
	// `import {}`, and elides no import, so all but the first make the file an ES module.
	if !x.facts.ModuleSyntax && !(x.typed && hasToken(stmt, "type", x.src)) {
		x.facts.ModuleSyntax = true
	}
	if x.typeOnly(stmt) {
		return
	}
	x.importNodes = append(x.importNodes, stmt)
	text, ok := stringValue(source, x.src)
	if !ok {
		return
	}
	if x.typed {
		x.noteElidable(stmt, len(x.facts.Imports))
	}
	x.facts.Imports = append(x.facts.Imports, Import{
		Specifier: text, Kind: ImportStatic, Range: rangeOf(source), Literal: true,
	})
}

func (x *extractor) dynamicImport(args *sitter.Node) {
	if args.NamedChildCount() == 0 {
		return
	}
	first := args.NamedChild(0)
	imp := Import{Kind: ImportDynamic, Range: rangeOf(first)}
	imp.Specifier, imp.Literal = stringValue(first, x.src)
	if !imp.Literal {
		imp.Specifier = first.Content(x.src)
	}
	if args.NamedChildCount() > 1 {
		if isBoundaryOption(args.NamedChild(1), x.src) {
			imp.Boundary = true
		} else {
			if x.options == nil {
				x.options = map[int]*sitter.Node{}
			}
			x.options[len(x.facts.Imports)] = args.NamedChild(1)
		}
	}
	x.facts.Imports = append(x.facts.Imports, imp)
}

// hotAlias records a name given to import.meta.hot: `const hot = import.meta.hot` (name and
// object set), or `const { hot, dynoHot: d } = import.meta` (pattern set).
func (x *extractor) hotAlias(name, object, pattern *sitter.Node) {
	add := func(local, property string) {
		if property != "hot" && property != "dynoHot" {
			return
		}
		if x.aliases == nil {
			x.aliases = map[string]string{}
		}
		x.aliases[local] = property
	}
	if name != nil && object != nil {
		add(name.Content(x.src), object.Content(x.src))
		return
	}
	if pattern == nil {
		return
	}
	for _, p := range pattern.NamedChildren() {
		switch p.Type() {
		case "shorthand_property_identifier_pattern":
			add(p.Content(x.src), p.Content(x.src))
		case "pair_pattern":
			key, value := p.ChildByFieldName("key"), p.ChildByFieldName("value")
			if key != nil && value != nil && value.Type() == "identifier" {
				add(value.Content(x.src), key.Content(x.src))
			}
		}
	}
}

// aliasedCalls records the import.meta.hot calls made through an alias (`hot?.accept()`) and
// the dynamic imports that pass `hot?.boundary`, then puts the calls back in source order.
func (x *extractor) aliasedCalls(query *sitter.Query, root *sitter.Node) {
	eachMatch(query, root, func(captures map[string]*sitter.Node) {
		if property, ok := x.aliases[captures["hot.object"].Content(x.src)]; ok {
			x.hotCall(captures["hot"], property, captures["hot.method"], captures["hot.args"])
		}
	})
	sort.SliceStable(x.facts.HotCalls, func(i, j int) bool {
		return x.facts.HotCalls[i].Range.StartByte < x.facts.HotCalls[j].Range.StartByte
	})
	for i, option := range x.options {
		text := string(bytes.Join(bytes.Fields(x.src[option.StartByte():option.EndByte()]), nil))
		for alias := range x.aliases {
			if text == alias+"?.boundary" || text == alias+".boundary" {
				x.facts.Imports[i].Boundary = true
			}
		}
	}
}

// isBoundaryOption recognises hot-hook's `import.meta.hot?.boundary` (or `.hot.boundary`).
func isBoundaryOption(n *sitter.Node, src []byte) bool {
	text := bytes.Join(bytes.Fields(src[n.StartByte():n.EndByte()]), nil)
	switch string(text) {
	case "import.meta.hot?.boundary", "import.meta.hot.boundary",
		"import.meta.dynoHot?.boundary", "import.meta.dynoHot.boundary":
		return true
	}
	return false
}

// hotCall records a call of an import.meta.hot method; obj is the import.meta property the
// call goes through ("hot" or "dynoHot"), directly or by an alias.
func (x *extractor) hotCall(call *sitter.Node, obj string, method, args *sitter.Node) {
	if obj != "hot" && obj != "dynoHot" {
		return
	}
	m := HotMethod(method.Content(x.src))
	switch m {
	case HotAccept, HotDecline, HotDispose, HotPrune, HotInvalidate:
	default:
		return
	}
	c := HotCall{Method: m, Object: obj, Range: rangeOf(call)}
	if m == HotAccept && args.NamedChildCount() > 0 {
		c.Specifiers = specifiersOf(args.NamedChild(0), x.src)
	}
	x.facts.HotCalls = append(x.facts.HotCalls, c)
}

// specifiersOf reads the dependencies named by accept's first argument: a string or an array
// of strings. Anything else (a callback) names none, which makes the call a self-accept.
func specifiersOf(arg *sitter.Node, src []byte) []Specifier {
	if text, ok := stringValue(arg, src); ok {
		return []Specifier{{Text: text, Range: rangeOf(arg)}}
	}
	if arg.Type() != "array" {
		return nil
	}
	var out []Specifier
	for _, el := range arg.NamedChildren() {
		if text, ok := stringValue(el, src); ok {
			out = append(out, Specifier{Text: text, Range: rangeOf(el)})
		}
	}
	return out
}

func (x *extractor) effects(query *sitter.Query, root *sitter.Node) {
	eachMatch(query, root, func(captures map[string]*sitter.Node) {
		if call := captures["call"]; call != nil {
			name := captures["call.function"].Content(x.src)
			if name == "setInterval" || name == "setTimeout" {
				x.addEffect(name, call)
			}
			return
		}
		call, object, name := captures["method"], captures["method.object"], captures["method.name"].Content(x.src)
		objectText := object.Content(x.src)
		switch {
		case name == "listen":
			x.addEffect(".listen", call)
		case objectText == "process" && (name == "on" || name == "once"):
			x.addEffect("process."+name, call)
		case name == "on" && object.Type() == "identifier" && x.bindings[objectText]:
			x.addEffect(objectText+".on", call)
		}
	})
}

func (x *extractor) addEffect(what string, call *sitter.Node) {
	x.facts.SideEffects = append(x.facts.SideEffects, SideEffect{Call: what, Range: rangeOf(call)})
}

// parseJSON checks that a JSON module parses; JSON modules import nothing.
func parseJSON(src []byte) *Facts {
	f := &Facts{Language: LanguageJSON}
	var v any
	err := json.Unmarshal(src, &v)
	if err == nil {
		return f
	}
	offset := len(src)
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		// Offset counts the bytes read, the offending one included.
		offset = int(syntaxErr.Offset) - 1
	}
	if offset > 0 && offset >= len(src) {
		offset = len(src) - 1
	}
	if offset < 0 {
		offset = 0
	}
	p := PointAt(src, offset)
	f.SyntaxErrors = append(f.SyntaxErrors, SyntaxError{
		Message: "invalid JSON: " + err.Error(),
		Range:   Range{Start: p, End: p, StartByte: offset, EndByte: offset},
	})
	return f
}

// Package facts extracts, from one source file, what the hot-or-restart analysis needs:
// static imports and exports, dynamic import() calls, import.meta.hot registrations and the
// side effects that pile up when a module is re-evaluated. It parses with tree-sitter, so a
// half-typed file still yields the facts of its intact parts, and it does no I/O.
package facts

// Point is a position in a file: a zero-based line and a zero-based byte column.
type Point struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a half-open span of a file, as points and as byte offsets.
type Range struct {
	Start     Point `json:"start"`
	End       Point `json:"end"`
	StartByte int   `json:"startByte"`
	EndByte   int   `json:"endByte"`
}

// ImportKind tells how a module reaches another.
type ImportKind string

const (
	// ImportStatic is an `import ... from "x"` or `import "x"` declaration.
	ImportStatic ImportKind = "static"
	// ImportReExport is an `export ... from "x"` or `export * from "x"` declaration.
	ImportReExport ImportKind = "re-export"
	// ImportDynamic is an `import("x")` expression.
	ImportDynamic ImportKind = "dynamic"
	// ImportRequire is a `require("x")` call with a literal specifier; only a CommonJS file's
	// count (hmr/SEMANTICS.md section 8).
	ImportRequire ImportKind = "require"
)

// Import is one edge a file declares. Range covers the specifier (with its quotes), or the
// whole first argument of a dynamic import whose specifier is not a literal.
type Import struct {
	Specifier string     `json:"specifier"`
	Kind      ImportKind `json:"kind"`
	Range     Range      `json:"range"`
	// Literal is false for a dynamic import whose specifier is computed at run time.
	Literal bool `json:"literal"`
	// Boundary marks hot-hook's `import("./x.js", import.meta.hot?.boundary)`: the importer
	// accepts the imported module.
	Boundary bool `json:"boundary,omitempty"`
}

// Export is one name a file exports; Name is "default" for a default export and "*" for an
// `export * from` that forwards every name.
type Export struct {
	Name  string `json:"name"`
	Range Range  `json:"range"`
}

// HotMethod names an import.meta.hot registration.
type HotMethod string

// The import.meta.hot methods the analysis counts (hmr/SEMANTICS.md section 2).
const (
	HotAccept     HotMethod = "accept"
	HotDecline    HotMethod = "decline"
	HotDispose    HotMethod = "dispose"
	HotPrune      HotMethod = "prune"
	HotInvalidate HotMethod = "invalidate"
)

// Specifier is a string literal naming a module, with its range (quotes included).
type Specifier struct {
	Text  string `json:"text"`
	Range Range  `json:"range"`
}

// HotCall is one import.meta.hot (or import.meta.dynoHot) call found anywhere in the file.
type HotCall struct {
	Method HotMethod `json:"method"`
	// Object is "hot" or "dynoHot", the import.meta property the call goes through.
	Object string `json:"object"`
	// Specifiers lists the dependencies an accept names; empty for a self-accept.
	Specifiers []Specifier `json:"specifiers,omitempty"`
	Range      Range       `json:"range"`
}

// SelfAccept reports whether the call is an accept of the module itself: `accept()` or
// `accept(callback)`.
func (c HotCall) SelfAccept() bool {
	return c.Method == HotAccept && len(c.Specifiers) == 0
}

// SideEffect is a call whose effect outlives a module instance (a timer, a listening server, a
// process or emitter listener) and so piles up when the module is re-evaluated.
type SideEffect struct {
	// Call is what was called, as written: "setInterval", "process.on", ".listen", ".on".
	Call  string `json:"call"`
	Range Range  `json:"range"`
}

// SyntaxError is a place where the parser could not make sense of the file.
type SyntaxError struct {
	Message string `json:"message"`
	Range   Range  `json:"range"`
}

// Facts is everything the analysis knows about one file.
type Facts struct {
	Language     Language      `json:"language"`
	Imports      []Import      `json:"imports"`
	Exports      []Export      `json:"exports"`
	HotCalls     []HotCall     `json:"hotCalls"`
	SideEffects  []SideEffect  `json:"sideEffects"`
	SyntaxErrors []SyntaxError `json:"syntaxErrors"`
	// ModuleSyntax is set when the file has syntax only an ES module can have, by Node's
	// syntax detection: an import or export declaration that survives type stripping,
	// `import.meta`, a top-level `await`, or a top-level `const`/`let`/`class` named like a
	// CommonJS wrapper parameter. Node uses it for a .js or .ts file whose package.json gives
	// no "type".
	ModuleSyntax bool `json:"moduleSyntax"`
}

// SelfAccepts reports whether the file accepts its own updates.
func (f *Facts) SelfAccepts() bool {
	for _, c := range f.HotCalls {
		if c.SelfAccept() {
			return true
		}
	}
	return false
}

// Calls returns the file's import.meta.hot calls of one method.
func (f *Facts) Calls(method HotMethod) []HotCall {
	var out []HotCall
	for _, c := range f.HotCalls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

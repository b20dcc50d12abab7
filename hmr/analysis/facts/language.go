package facts

import (
	"fmt"
	"path"
	"strings"
	"sync"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// Language is the grammar a file is parsed with.
type Language string

// The languages the analysis reads. LanguageNone marks files it does not parse.
const (
	LanguageJavaScript Language = "javascript"
	LanguageTypeScript Language = "typescript"
	LanguageTSX        Language = "tsx"
	LanguageJSON       Language = "json"
	LanguageNone       Language = ""
)

// LanguageOf picks the language from a file name's extension.
func LanguageOf(name string) Language {
	switch strings.ToLower(path.Ext(name)) {
	case ".js", ".mjs", ".cjs", ".jsx":
		return LanguageJavaScript
	case ".ts", ".mts", ".cts":
		return LanguageTypeScript
	case ".tsx":
		return LanguageTSX
	case ".json":
		return LanguageJSON
	}
	return LanguageNone
}

// grammar holds what is expensive to build for a language and safe to share between
// goroutines: the tree-sitter language and its compiled queries. Each query is compiled on its
// first use, since most projects need one language and few files need most queries: compiling
// all twelve up front cost a cold start 70 ms of one core while every parse waited. Parsers are
// not safe to share, so each grammar keeps a pool of them.
type grammar struct {
	language *sitter.Language
	// declarations finds import and export declarations anywhere in a tree, for files with
	// syntax errors, where error recovery may have nested them.
	declarations func() (*sitter.Query, error)
	// calls finds dynamic imports and import.meta.hot calls; it only runs on files whose text
	// mentions them.
	calls func() (*sitter.Query, error)
	// aliasCalls finds method calls on plain identifiers; it only runs on files that bind
	// import.meta.hot to a name (`const hot = import.meta.hot`), to find `hot?.accept()`.
	aliasCalls func() (*sitter.Query, error)
	// effects finds calls that may leave side effects behind; it only runs on self-accepting
	// files, since every other file gets no warning about them.
	effects func() (*sitter.Query, error)
	parsers sync.Pool
}

// grammars holds each language's grammar, made on first use.
var grammars = map[Language]func() *grammar{
	LanguageJavaScript: sync.OnceValue(func() *grammar { return newGrammar(LanguageJavaScript, sitter.JavaScript()) }),
	LanguageTypeScript: sync.OnceValue(func() *grammar { return newGrammar(LanguageTypeScript, sitter.TypeScript()) }),
	LanguageTSX:        sync.OnceValue(func() *grammar { return newGrammar(LanguageTSX, sitter.TSX()) }),
}

func newGrammar(name Language, language *sitter.Language) *grammar {
	query := func(what, source string) func() (*sitter.Query, error) {
		return sync.OnceValues(func() (*sitter.Query, error) {
			q, err := sitter.NewQuery([]byte(source), language)
			if err != nil {
				return nil, fmt.Errorf("compiling the %s query for %s: %w", what, name, err)
			}
			return q, nil
		})
	}
	g := &grammar{
		language:     language,
		declarations: query("declarations", declarationsQuery),
		calls:        query("calls", callsQuery),
		aliasCalls:   query("alias calls", aliasCallsQuery),
		effects:      query("effects", effectsQuery),
	}
	g.parsers.New = func() any {
		p := sitter.NewParser()
		p.SetLanguage(language)
		return p
	}
	return g
}

// grammarFor returns the grammar of a language.
func grammarFor(lang Language) (*grammar, error) {
	g, ok := grammars[lang]
	if !ok {
		return nil, fmt.Errorf("no grammar for language %q", lang)
	}
	return g(), nil
}

// declarationsQuery captures import and export declarations wherever they stand.
const declarationsQuery = `
(import_statement source: (string) @import.source) @import
(export_statement) @export
`

// callsQuery captures dynamic imports, `require("x")` calls, import.meta.hot (or dynoHot) method calls, webpack's
// `module.hot` method calls (the runtime gives an ES module that uses them its import.meta.hot
// as module.hot), and the declarations that give import.meta.hot a name of its own:
// `const hot = import.meta.hot` and `const { hot } = import.meta`.
const callsQuery = `
(call_expression function: (import) arguments: (arguments) @dynamic.args) @dynamic
(call_expression function: (identifier) @require.name arguments: (arguments . [(string) (template_string)] @require.source .)) @require
(call_expression
  function: (member_expression
    object: (member_expression
      object: [
        (meta_property)
        (member_expression object: (import) property: (property_identifier) @hot.meta)
        (identifier) @hot.module
      ]
      property: (property_identifier) @hot.object)
    property: (property_identifier) @hot.method)
  arguments: (arguments) @hot.args) @hot
(variable_declarator
  name: (identifier) @alias.name
  value: (member_expression
    object: [
      (meta_property)
      (member_expression object: (import) property: (property_identifier) @alias.meta)
    ]
    property: (property_identifier) @alias.object)) @alias
(variable_declarator
  name: (object_pattern) @alias.pattern
  value: [
    (meta_property)
    (member_expression object: (import) property: (property_identifier) @alias.meta)
  ]) @alias
`

// aliasCallsQuery captures method calls on an identifier, such as `hot?.accept()` once `hot`
// names import.meta.hot.
const aliasCallsQuery = `
(call_expression
  function: (member_expression
    object: (identifier) @hot.object
    property: (property_identifier) @hot.method)
  arguments: (arguments) @hot.args) @hot
`

// effectsQuery captures every plain and method call; the Go code keeps the ones that matter.
const effectsQuery = `
(call_expression function: (identifier) @call.function) @call
(call_expression
  function: (member_expression
    object: (_) @method.object
    property: (property_identifier) @method.name)) @method
`

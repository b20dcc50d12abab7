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
// goroutines: the tree-sitter language and its compiled queries. Parsers are not safe to share,
// so each grammar keeps a pool of them.
type grammar struct {
	language *sitter.Language
	// declarations finds import and export declarations anywhere in a tree, for files with
	// syntax errors, where error recovery may have nested them.
	declarations *sitter.Query
	// calls finds dynamic imports and import.meta.hot calls; it only runs on files whose text
	// mentions them.
	calls *sitter.Query
	// aliasCalls finds method calls on plain identifiers; it only runs on files that bind
	// import.meta.hot to a name (`const hot = import.meta.hot`), to find `hot?.accept()`.
	aliasCalls *sitter.Query
	// effects finds calls that may leave side effects behind; it only runs on self-accepting
	// files, since every other file gets no warning about them.
	effects *sitter.Query
	parsers sync.Pool
}

var (
	grammarsOnce sync.Once
	grammars     map[Language]*grammar
	grammarsErr  error
)

// grammarFor returns the cached grammar of a language, compiling its queries on first use.
func grammarFor(lang Language) (*grammar, error) {
	grammarsOnce.Do(func() {
		grammars = map[Language]*grammar{}
		sources := map[Language]*sitter.Language{
			LanguageJavaScript: sitter.JavaScript(),
			LanguageTypeScript: sitter.TypeScript(),
			LanguageTSX:        sitter.TSX(),
		}
		for name, language := range sources {
			g := &grammar{language: language}
			if g.declarations, grammarsErr = sitter.NewQuery([]byte(declarationsQuery), language); grammarsErr != nil {
				grammarsErr = fmt.Errorf("compiling the declarations query for %s: %w", name, grammarsErr)
				return
			}
			if g.calls, grammarsErr = sitter.NewQuery([]byte(callsQuery), language); grammarsErr != nil {
				grammarsErr = fmt.Errorf("compiling the calls query for %s: %w", name, grammarsErr)
				return
			}
			if g.aliasCalls, grammarsErr = sitter.NewQuery([]byte(aliasCallsQuery), language); grammarsErr != nil {
				grammarsErr = fmt.Errorf("compiling the alias calls query for %s: %w", name, grammarsErr)
				return
			}
			if g.effects, grammarsErr = sitter.NewQuery([]byte(effectsQuery), language); grammarsErr != nil {
				grammarsErr = fmt.Errorf("compiling the effects query for %s: %w", name, grammarsErr)
				return
			}
			g.parsers.New = func() any {
				p := sitter.NewParser()
				p.SetLanguage(language)
				return p
			}
			grammars[name] = g
		}
	})
	if grammarsErr != nil {
		return nil, grammarsErr
	}
	g, ok := grammars[lang]
	if !ok {
		return nil, fmt.Errorf("no grammar for language %q", lang)
	}
	return g, nil
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

package facts

import (
	"testing"

	sitter "github.com/hotswap/hotswap/hmr/treesitter"
)

// The queries compile on first use, so a query that one grammar rejects would otherwise only
// fail on the first file of that language that needs it.
func TestEveryQueryCompilesForEveryLanguage(t *testing.T) {
	for lang := range grammars {
		g, err := grammarFor(lang)
		if err != nil {
			t.Fatal(err)
		}
		for name, query := range map[string]func() (*sitter.Query, error){
			"declarations": g.declarations, "calls": g.calls, "aliasCalls": g.aliasCalls, "effects": g.effects,
		} {
			if q, err := query(); err != nil || q == nil {
				t.Errorf("%s: %s query: %v", lang, name, err)
			}
		}
	}
}

package live

import (
	"testing"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// Two graphs have the same shape when only module versions differ; any registration, edge,
// module or entry that differs makes them different.
func TestSameShape(t *testing.T) {
	base := func() *protocol.Graph {
		return &protocol.Graph{Entry: "/app/main.ts", Modules: []protocol.GraphModule{
			{Path: "/app/main.ts", Version: 1, Accepts: []string{"/app/a.ts"}, Imports: []protocol.GraphImport{{Specifier: "./a.ts", Path: "/app/a.ts"}}},
			{Path: "/app/a.ts", Version: 1, Importers: []string{"/app/main.ts"}},
		}}
	}
	cases := map[string]struct {
		change func(g *protocol.Graph)
		same   bool
	}{
		"versions only":       {func(g *protocol.Graph) { g.Modules[1].Version = 7 }, true},
		"a self-accept":       {func(g *protocol.Graph) { g.Modules[1].SelfAccept = true }, false},
		"a decline":           {func(g *protocol.Graph) { g.Modules[1].Declined = true }, false},
		"an accept less":      {func(g *protocol.Graph) { g.Modules[0].Accepts = nil }, false},
		"a boundary import":   {func(g *protocol.Graph) { g.Modules[0].Imports[0].Boundary = true }, false},
		"another entry":       {func(g *protocol.Graph) { g.Entry = "/app/a.ts" }, false},
		"a module more":       {func(g *protocol.Graph) { g.Modules = append(g.Modules, protocol.GraphModule{Path: "/app/b.ts"}) }, false},
		"a module renamed":    {func(g *protocol.Graph) { g.Modules[1].Path = "/app/b.ts" }, false},
		"a dispose handler":   {func(g *protocol.Graph) { g.Modules[1].HasDispose = true }, false},
		"an importer more":    {func(g *protocol.Graph) { g.Modules[0].Importers = []string{"/app/a.ts"} }, false},
		"nothing at all":      {func(g *protocol.Graph) {}, true},
		"a specifier renamed": {func(g *protocol.Graph) { g.Modules[0].Imports[0].Specifier = "./a.js" }, false},
	}
	for name, tc := range cases {
		other := base()
		tc.change(other)
		if got := New("/app", base()).SameShape(New("/app", other)); got != tc.same {
			t.Errorf("%s: SameShape %v, want %v", name, got, tc.same)
		}
	}
	if New("/app", base()).SameShape(nil) {
		t.Error("a graph has the same shape as no graph")
	}
}

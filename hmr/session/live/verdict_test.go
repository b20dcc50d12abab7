package live

import (
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// The walk over a runtime graph gives the verdicts of hmr/SEMANTICS.md section 3: accepted by
// a self-accepting module, by an importer's accept or boundary import, restart at the entry
// or at a declining module.
func TestVerdicts(t *testing.T) {
	g := New("/app", &protocol.Graph{Entry: "/app/main.ts", Modules: []protocol.GraphModule{
		{Path: "/app/main.ts", Accepts: []string{"/app/routes.ts"},
			Imports: []protocol.GraphImport{{Path: "/app/routes.ts"}, {Path: "/app/config.ts"}, {Path: "/app/lazy.ts", Boundary: true}, {Specifier: "node:fs", External: true}}},
		{Path: "/app/routes.ts", Importers: []string{"/app/main.ts"}, Imports: []protocol.GraphImport{{Path: "/app/db.ts"}}},
		{Path: "/app/db.ts", Importers: []string{"/app/routes.ts", "/app/legacy.ts"}, SelfAccept: false},
		{Path: "/app/legacy.ts", Importers: []string{"/app/config.ts"}, Declined: true, Imports: []protocol.GraphImport{{Path: "/app/db.ts"}}},
		{Path: "/app/config.ts", Importers: []string{"/app/main.ts"}, Imports: []protocol.GraphImport{{Path: "/app/legacy.ts"}}},
		{Path: "/app/lazy.ts", Importers: []string{"/app/main.ts"}},
		{Path: "/app/widget.ts", SelfAccept: true},
	}})
	cases := map[string]string{
		"/app/routes.ts":  "hot accepted by main.ts",
		"/app/widget.ts":  "hot accepted by widget.ts",
		"/app/lazy.ts":    "hot accepted by main.ts",
		"/app/config.ts":  "restart via config.ts -> main.ts",
		"/app/main.ts":    "restart via main.ts",
		"/app/legacy.ts":  "restart declined by legacy.ts via legacy.ts",
		"/app/db.ts":      "restart declined by legacy.ts via db.ts -> legacy.ts",
		"/app/nowhere.ts": "not-in-graph",
	}
	for path, want := range cases {
		if got := describe(g.Verdict(path)); got != want {
			t.Errorf("%s: %s, want %s", path, got, want)
		}
	}
	if g.Len() != 7 || g.Module("/app/db.ts") == nil || len(g.Modules()) != 7 {
		t.Errorf("graph index: %d modules", g.Len())
	}
}

func describe(v analysis.Verdict) string {
	switch {
	case v.Kind == analysis.VerdictHot:
		return "hot accepted by " + strings.Join(v.AcceptedBy, ",")
	case v.Declined != "":
		return "restart declined by " + v.Declined + " via " + strings.Join(v.Chain, " -> ")
	case v.Kind == analysis.VerdictRestart:
		return "restart via " + strings.Join(v.Chain, " -> ")
	}
	return string(v.Kind)
}

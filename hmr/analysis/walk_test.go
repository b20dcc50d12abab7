package analysis

import (
	"reflect"
	"sort"
	"testing"
)

// fakeNode is one module of fakeWalkGraph.
type fakeNode struct {
	entry, declines, selfAccepts bool
	imports                      []string
	accepts                      []string
}

// fakeWalkGraph is a WalkGraph held in a map, so Walk's rules are tested apart from any
// parsing; its paths are already relative.
type fakeWalkGraph map[string]fakeNode

func (f fakeWalkGraph) Contains(path string) bool    { _, ok := f[path]; return ok }
func (f fakeWalkGraph) IsEntry(path string) bool     { return f[path].entry }
func (f fakeWalkGraph) Declines(path string) bool    { return f[path].declines }
func (f fakeWalkGraph) SelfAccepts(path string) bool { return f[path].selfAccepts }
func (f fakeWalkGraph) Rel(path string) string       { return path }

func (f fakeWalkGraph) Importers(path string) []string {
	var out []string
	for p, n := range f {
		for _, i := range n.imports {
			if i == path {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (f fakeWalkGraph) Accepts(importer, target string) bool {
	for _, a := range f[importer].accepts {
		if a == target {
			return true
		}
	}
	return false
}

// Walk applies hmr/SEMANTICS.md section 3: boundaries stop the walk, the first decline or
// unaccepted module met breadth first ends it, and of two equally short chains the one
// through the importer first in path order is reported.
func TestWalk(t *testing.T) {
	g := fakeWalkGraph{
		"main.js":   {entry: true, imports: []string{"a.js", "b.js", "hot.js", "cycle.js"}, accepts: []string{"hot.js"}},
		"a.js":      {imports: []string{"shared.js"}},
		"b.js":      {imports: []string{"shared.js"}},
		"shared.js": {},
		"hot.js":    {imports: []string{"self.js", "both.js"}},
		"self.js":   {selfAccepts: true},
		"both.js":   {},
		"other.js":  {selfAccepts: true, imports: []string{"both.js"}},
		"old.js":    {declines: true, imports: []string{"deep.js"}},
		"deep.js":   {},
		"cycle.js":  {imports: []string{"main.js"}},
		"orphan.js": {},
	}
	cases := map[string]Verdict{
		"shared.js": {Path: "shared.js", Kind: VerdictRestart, Chain: []string{"shared.js", "a.js", "main.js"}},
		"self.js":   {Path: "self.js", Kind: VerdictHot, AcceptedBy: []string{"self.js"}},
		"both.js":   {Path: "both.js", Kind: VerdictHot, AcceptedBy: []string{"main.js", "other.js"}},
		"deep.js":   {Path: "deep.js", Kind: VerdictRestart, Declined: "old.js", Chain: []string{"deep.js", "old.js"}},
		"main.js":   {Path: "main.js", Kind: VerdictRestart, Chain: []string{"main.js"}},
		"orphan.js": {Path: "orphan.js", Kind: VerdictRestart, Chain: []string{"orphan.js"}},
		"gone.js":   {Path: "gone.js", Kind: VerdictNotInGraph},
	}
	for path, want := range cases {
		if got := Walk(g, path); !reflect.DeepEqual(got, want) {
			t.Errorf("Walk(%s) = %+v, want %+v", path, got, want)
		}
	}
}

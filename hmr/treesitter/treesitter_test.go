package treesitter

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// dump writes a tree as nested types with spans and flags, reaching every node through
// Child, so that both backends can be compared by their output (make test-go runs this with
// and with -tags hotswap_wasm against the same expectation).
func dump(n *Node, b *strings.Builder, depth int) {
	flags := ""
	if n.IsNamed() {
		flags += "n"
	}
	if n.IsError() {
		flags += "E"
	}
	if n.IsMissing() {
		flags += "M"
	}
	if n.HasError() {
		flags += "h"
	}
	s, e := n.StartPoint(), n.EndPoint()
	fmt.Fprintf(b, "%s%s [%d-%d %d:%d-%d:%d] %s\n", strings.Repeat(" ", depth), n.Type(), n.StartByte(), n.EndByte(), s.Row, s.Column, e.Row, e.Column, flags)
	for i := 0; i < int(n.ChildCount()); i++ {
		dump(n.Child(i), b, depth+1)
	}
}

func parse(t *testing.T, lang *Language, src string) *Tree {
	t.Helper()
	p := NewParser()
	p.SetLanguage(lang)
	tree, err := p.ParseCtx(context.Background(), nil, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestTreeNavigationAndErrors(t *testing.T) {
	src := "import type { A } from './a';\nexport const x: A = f(;\n"
	tree := parse(t, TypeScript(), src)
	defer tree.Close()
	root := tree.RootNode()
	var b strings.Builder
	dump(root, &b, 0)
	out := b.String()
	for _, want := range []string{"program [0-54 0:0-2:0] nh", "import_statement [0-29 0:0-0:29] n", "string_fragment [24-27 0:24-0:27] n"} {
		if !strings.Contains(out, want) {
			t.Errorf("tree lacks %q:\n%s", want, out)
		}
	}
	imp := root.NamedChild(0)
	if source := imp.ChildByFieldName("source"); source == nil || source.Content([]byte(src)) != "'./a'" {
		t.Fatalf("source field = %v", source)
	}
	if root.Parent() != nil || imp.Parent().Type() != "program" {
		t.Fatalf("parents wrong")
	}
	n := root.NamedDescendantForPointRange(Point{Row: 0, Column: 14}, Point{Row: 0, Column: 14})
	if n == nil || n.Type() != "identifier" || n.Content([]byte(src)) != "A" {
		t.Fatalf("descendant at 0:14 = %v", n)
	}
	if root.NamedChild(99) != nil || imp.ChildByFieldName("nope") != nil {
		t.Fatalf("missing children must be nil")
	}
}

func TestQueryCapturesByName(t *testing.T) {
	q, err := NewQuery([]byte(`(call_expression function: (identifier) @fn arguments: (arguments) @args) @call`), JavaScript())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewQuery([]byte(`(no_such_node) @x`), JavaScript()); err == nil {
		t.Fatal("a query naming an unknown node type compiled")
	}
	src := []byte("a(1); b.c(2); d(e(3));")
	tree := parse(t, JavaScript(), string(src))
	defer tree.Close()
	cursor := NewQueryCursor()
	defer cursor.Close()
	cursor.Exec(q, tree.RootNode())
	var got []string
	for {
		m, ok := cursor.NextMatch()
		if !ok {
			break
		}
		for _, c := range m.Captures {
			if q.CaptureNameForId(c.Index) == "fn" {
				got = append(got, c.Node.Content(src))
			}
		}
	}
	if strings.Join(got, ",") != "a,d,e" {
		t.Fatalf("calls = %v", got)
	}
}

// Parses on many goroutines at once share the module safely (each tree holds its instance).
func TestConcurrentParses(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			src := fmt.Sprintf("export const v%d = %d;", i, i)
			for j := 0; j < 20; j++ {
				tree := parse(t, TSX(), src)
				name := tree.RootNode().NamedChild(0).ChildByFieldName("declaration").NamedChild(0).ChildByFieldName("name")
				if got := name.Content([]byte(src)); got != fmt.Sprintf("v%d", i) {
					t.Errorf("got %q", got)
				}
				tree.Close()
			}
		}(i)
	}
	wg.Wait()
}

// Children and NamedChildren, which read a node's children in one call, give the same nodes
// as Child and NamedChild by index, hidden grammar rules, comments and error recovery included.
func TestChildrenMatchIndexedChildren(t *testing.T) {
	src := "// c\nimport a, { type B, c as d } from './a';\nexport class K { m() { return f(1, [2, 3], ...g); } }\n" +
		"const x = <T,>(y: T) => y; /* d */ export * as ns from 'e';\nlet z = (;\n" + strings.Repeat("f(1);", 150)
	for _, lang := range []*Language{JavaScript(), TypeScript(), TSX()} {
		tree := parse(t, lang, src)
		var walk func(n *Node)
		walk = func(n *Node) {
			for _, kind := range []struct {
				name  string
				count uint32
				at    func(int) *Node
				batch []*Node
			}{
				{"Children", n.ChildCount(), n.Child, n.Children()},
				{"NamedChildren", n.NamedChildCount(), n.NamedChild, n.NamedChildren()},
			} {
				var byIndex, batch strings.Builder
				for i := 0; i < int(kind.count); i++ {
					dump(kind.at(i), &byIndex, 0)
				}
				for _, c := range kind.batch {
					dump(c, &batch, 0)
				}
				if byIndex.String() != batch.String() {
					t.Fatalf("%s of %s differ:\n%s\nby index:\n%s", kind.name, n.Type(), batch.String(), byIndex.String())
				}
			}
			for _, c := range n.Children() {
				walk(c)
			}
		}
		walk(tree.RootNode())
		if n := len(tree.RootNode().NamedChildren()); n < 150 {
			t.Fatalf("root has %d named children, want over 150 (more than one batch)", n)
		}
		tree.Close()
	}
}

package factscache

import (
	"os"
	"reflect"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
)

// Facts stored in one run come back in the next, for the same content and language only; a
// cache file written by another build, or damaged, is ignored.
func TestFactsSurviveARun(t *testing.T) {
	dir := t.TempDir()
	src := []byte("import { a } from './a.js';\nexport const b = a;\nimport.meta.hot?.accept();\n")
	f, err := facts.Parse("m.ts", src)
	if err != nil {
		t.Fatal(err)
	}
	c := Open(dir, "/project")
	if c.Load("m.ts", src) != nil {
		t.Fatal("an empty cache knew a file")
	}
	c.Store("m.ts", src, f)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}

	c = Open(dir, "/project")
	if got := c.Load("m.ts", src); !reflect.DeepEqual(got, f) {
		t.Fatalf("cached facts = %+v, want %+v", got, f)
	}
	if c.Load("m.tsx", src) != nil || c.Load("m.ts", append(src, ' ')) != nil || Open(dir, "/other").Load("m.ts", src) != nil {
		t.Fatal("facts came back for another language, content or project")
	}

	data, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	for _, damaged := range [][]byte{append([]byte("hotswap facts 1\nanother build\n"), data[len(magic+c.build+"\n"):]...), data[:len(data)-3]} {
		if err := os.WriteFile(c.file, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		if Open(dir, "/project").Load("m.ts", src) != nil {
			t.Fatal("a damaged cache file or another build's gave facts")
		}
	}
	if Open("", "/project") != nil {
		t.Fatal("no directory must mean no cache")
	}
}

func TestDirFollowsTheEnvironment(t *testing.T) {
	t.Setenv("HOTSWAP_FACTS_CACHE", "/somewhere")
	if got := Dir(); got != "/somewhere" {
		t.Fatalf("Dir() = %q", got)
	}
	t.Setenv("HOTSWAP_CACHE", "0")
	if got := Dir(); got != "" {
		t.Fatalf("with HOTSWAP_CACHE=0, Dir() = %q", got)
	}
}

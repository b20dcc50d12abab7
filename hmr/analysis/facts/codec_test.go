package facts

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Every fixture file's facts, and facts with empty rather than nil lists, come back from their
// encoding unchanged; every truncation of an encoding is refused.
func TestEncodingRoundTrips(t *testing.T) {
	var all []*Facts
	root := filepath.Join("..", "..", "..", "testdata")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || LanguageOf(path) == LanguageNone {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if f, err := Parse(path, src); err == nil {
			all = append(all, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 100 {
		t.Fatalf("only %d fixture files parsed", len(all))
	}
	all = append(all, &Facts{Language: LanguageTypeScript, Imports: []Import{}, HotCalls: []HotCall{{Method: HotAccept, Specifiers: []Specifier{}}}},
		mustParse(t, "x.ts", "import { type A } from './a';\nimport.meta.hot.accept(['./b', `./c`], () => {});\nsetInterval(f);\nlet = ;\n"))
	for _, f := range all {
		data, err := f.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		var back Facts
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatalf("decoding %+v: %v", f, err)
		}
		if !reflect.DeepEqual(&back, f) {
			t.Fatalf("round trip changed the facts:\n%+v\n%+v", f, &back)
		}
		for n := range data {
			if err := back.UnmarshalBinary(data[:n]); err == nil {
				t.Fatalf("the first %d of %d bytes decoded", n, len(data))
			}
		}
	}
}

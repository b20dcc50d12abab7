package example

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopyToWritesEntryAndEditHint(t *testing.T) {
	dir, err := CopyTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{Entry, EditHint, "package.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("copied example lacks %s: %v", name, err)
		}
	}
}

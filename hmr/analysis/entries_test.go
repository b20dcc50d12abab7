package analysis

import (
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/internal/oxctest"
)

func TestGuessEntries(t *testing.T) {
	cases := []struct {
		name       string
		files      map[string]string
		path, from string
	}{
		{"dev script skips preloads", map[string]string{
			"package.json": `{"scripts": {"start": "node dist/x.js", "dev": "node --import ./setup.js --watch src/main.ts"}}`,
			"setup.js":     "", "src/main.ts": "",
		}, "src/main.ts", "package.json scripts.dev"},
		{"start script with tsx", map[string]string{
			"package.json": `{"scripts": {"start": "NODE_ENV=production tsx ./server.mts"}}`,
			"server.mts":   "",
		}, "server.mts", "package.json scripts.start"},
		{"script naming a missing file falls back to main", map[string]string{
			"package.json": `{"main": "./lib/index.js", "scripts": {"dev": "node gone.js"}}`,
			"lib/index.js": "",
		}, "lib/index.js", "package.json main"},
		{"bin object", map[string]string{
			"package.json": `{"bin": {"zz": "./bin/zz.js", "aa": "./bin/aa.mjs"}}`,
		}, "bin/aa.mjs", "package.json bin"},
		{"conventional name", map[string]string{"src/index.ts": ""}, "src/index.ts", "conventional file name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			oxctest.WriteTree(t, dir, c.files)
			got := GuessEntries(OSFS{}, dir)
			if len(got) != 1 || got[0].Path != c.path || !strings.HasPrefix(got[0].Source, c.from) {
				t.Fatalf("got %+v, want %s from %s", got, c.path, c.from)
			}
		})
	}
	if got := GuessEntries(OSFS{}, t.TempDir()); len(got) != 0 {
		t.Fatalf("an empty project has no entry: %+v", got)
	}
}

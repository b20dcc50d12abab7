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
		{"hotswap register", map[string]string{
			"package.json": `{"scripts": {"dev": "node --import hotswap/register src/main.ts"}}`,
			"src/main.ts":  "",
		}, "src/main.ts", "package.json scripts.dev"},
		{"tsx watch", map[string]string{
			"package.json": `{"scripts": {"dev": "tsx watch --clear-screen=false src/index.ts"}}`,
			"src/index.ts": "", "src/main.ts": "",
		}, "src/index.ts", "package.json scripts.dev"},
		{"built output that exists", map[string]string{
			"package.json": `{"scripts": {"start": "tsc -p tsconfig.build.json && node dist/main.js"}}`,
			"dist/main.js": "", "src/main.ts": "",
		}, "dist/main.js", "package.json scripts.start"},
		{"built name of a TypeScript source", map[string]string{
			"package.json":  `{"scripts": {"dev": "node ace serve --hmr", "start": "node bin/server.js"}}`,
			"bin/server.ts": "", "ace.js": "",
		}, "bin/server.ts", "package.json scripts.start"},
		{"built output that does not exist", map[string]string{
			"package.json": `{"scripts": {"start": "tsc && node dist/main.js"}}`,
			"src/main.ts":  "",
		}, "src/main.ts", "conventional file name"},
		{"quoted path with a space", map[string]string{
			"package.json":  `{"scripts": {"dev": "node --env-file .env 'src/my app.ts'"}}`,
			"src/my app.ts": "", ".env": "",
		}, "src/my app.ts", "package.json scripts.dev"},
		{"npm run another script", map[string]string{
			"package.json":  `{"scripts": {"dev": "npm run start:dev -- --inspect", "start:dev": "cross-env NODE_ENV=development tsx src/server.ts"}}`,
			"src/server.ts": "",
		}, "src/server.ts", "package.json scripts.dev"},
		{"bun runs a file", map[string]string{
			"package.json": `{"scripts": {"dev": "bun run --watch src/index.ts"}}`,
			"src/index.ts": "",
		}, "src/index.ts", "package.json scripts.dev"},
		{"pnpm exec", map[string]string{
			"package.json": `{"scripts": {"start": "pnpm exec tsx src/app.mts"}}`,
			"src/app.mts":  "",
		}, "src/app.mts", "package.json scripts.start"},
		{"nodemon --exec", map[string]string{
			"package.json": `{"scripts": {"dev": "nodemon --watch src -e ts,json --exec \"ts-node src/app.ts\""}}`,
			"src/app.ts":   "",
		}, "src/app.ts", "package.json scripts.dev"},
		{"eval is no file", map[string]string{
			"package.json": `{"scripts": {"dev": "node -e \"import('./boot.js')\""}}`,
			"boot.js":      "", "server.js": "",
		}, "server.js", "conventional file name"},
		{"unparsable script falls back", map[string]string{
			"package.json": `{"scripts": {"dev": "node 'src/main.ts"}}`,
			"app.js":       "",
		}, "app.js", "conventional file name"},
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

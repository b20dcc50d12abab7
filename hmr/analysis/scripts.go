package analysis

import (
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// valueFlags are the flags of node and the usual runners (tsx, ts-node, nodemon) whose next
// word is their value, not the file to run: a preloaded module, an env file, a tsconfig.
var valueFlags = map[string]bool{
	"--import": true, "--require": true, "-r": true, "--loader": true, "--experimental-loader": true,
	"--env-file": true, "--env-file-if-exists": true, "--watch-path": true, "--conditions": true,
	"-C": true, "--input-type": true, "--tsconfig": true, "--project": true, "-P": true,
	"--ext": true, "-e": true, "--ignore": true, "-i": true, "--signal": true,
}

// evalFlags make node run code from the command line: no file follows.
var evalFlags = map[string]bool{"-e": true, "--eval": true, "-p": true, "--print": true}

// packageRunners run another script of the same package.json: `npm run dev`, `pnpm dev`.
var packageRunners = map[string]bool{"npm": true, "pnpm": true, "yarn": true, "bun": true}

// scriptEntry finds the source file a package.json script runs, by parsing the script as a
// shell command line: the first word with a source extension that names an existing file, in
// any command of the line (`tsc && node dist/main.js`), skipping the values of flags such as
// --import; `npm run x` and nodemon's --exec are followed. It returns "" when none is found.
func scriptEntry(scripts map[string]string, name string, exists func(string) bool) string {
	return scriptEntryDepth(scripts, scripts[name], exists, 0)
}

func scriptEntryDepth(scripts map[string]string, script string, exists func(string) bool, depth int) string {
	if depth > 4 {
		return ""
	}
	file, err := syntax.NewParser().Parse(strings.NewReader(script), "")
	if err != nil {
		return ""
	}
	found := ""
	syntax.Walk(file, func(node syntax.Node) bool {
		call, ok := node.(*syntax.CallExpr)
		if !ok || found != "" {
			return found == ""
		}
		var words []string
		for _, w := range call.Args {
			// A word that needs the shell to run something ($(...)) stays empty.
			lit, err := expand.Literal(nil, w)
			if err != nil {
				lit = ""
			}
			words = append(words, lit)
		}
		found = commandEntry(scripts, words, exists, depth)
		return found == ""
	})
	return found
}

// commandEntry reads one simple command's words.
func commandEntry(scripts map[string]string, words []string, exists func(string) bool, depth int) string {
	if len(words) == 0 {
		return ""
	}
	program := filepath.Base(words[0])
	if packageRunners[program] {
		rest := words[1:]
		if len(rest) > 0 && (rest[0] == "run" || rest[0] == "run-script") {
			rest = rest[1:]
		}
		if len(rest) > 0 {
			if script, ok := scripts[rest[0]]; ok {
				return scriptEntryDepth(scripts, script, exists, depth+1)
			}
		}
		// Not a script: `bun src/index.ts`, `pnpm exec tsx src/main.ts` run a file.
	}
	skipNext := false
	for _, word := range words[1:] {
		if skipNext {
			skipNext = false
			continue
		}
		if program == "nodemon" && word == "--exec" {
			continue // its value is a command line of its own, read as words below
		}
		if evalFlags[word] && (program == "node" || program == "tsx") {
			return ""
		}
		if valueFlags[word] {
			skipNext = true
			continue
		}
		if !strings.HasPrefix(word, "-") && strings.ContainsAny(word, " \t") {
			// A quoted command line (nodemon --exec "tsx src/main.ts"), or a file name
			// with a space.
			if file := scriptEntryDepth(scripts, word, exists, depth+1); file != "" {
				return file
			}
		}
		if strings.HasPrefix(word, "-") || !hasEntryExtension(word) {
			continue
		}
		rel := cleanRel(word)
		if exists(rel) {
			return rel
		}
		// A script that runs the built `.js` name of a TypeScript file which is not built
		// (AdonisJS's `node bin/server.js`) names the `.ts` source, as imports do.
		stem := strings.TrimSuffix(rel, filepath.Ext(rel))
		for _, ext := range sourceFor[filepath.Ext(rel)] {
			if exists(stem + ext) {
				return stem + ext
			}
		}
	}
	return ""
}

// sourceFor maps a built extension to the TypeScript sources it may stand for, as the
// runtime's extensionAlias does for imports.
var sourceFor = map[string][]string{".js": {".ts", ".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeWorkspace writes a TypeScript project of n modules under dir and returns the entry.
// Module i imports modules 3i+1..3i+3 (a tree about log3(n) deep); every 25th module accepts
// itself and every 10th but the entry accepts its first import, so verdicts mix hot and
// restart the way a server's route modules do.
func writeWorkspace(dir string, n int) (string, error) {
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"bench-lsp","private":true,"type":"module"}`+"\n"), 0o644); err != nil {
		return "", err
	}
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, modulePath(i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(moduleSource(i, n)), 0o644); err != nil {
			return "", err
		}
	}
	return modulePath(0), nil
}

// modulePath puts a hundred modules in each directory.
func modulePath(i int) string { return fmt.Sprintf("src/g%d/mod%d.ts", i/100, i) }

// importSpecifier is the relative `.js` specifier from module a to module b, as TypeScript
// projects write it.
func importSpecifier(a, b int) string {
	rel, _ := filepath.Rel(filepath.Dir(modulePath(a)), modulePath(b))
	rel = strings.TrimSuffix(filepath.ToSlash(rel), ".ts") + ".js"
	if !strings.HasPrefix(rel, ".") {
		rel = "./" + rel
	}
	return rel
}

func moduleSource(i, n int) string {
	var b strings.Builder
	var children []int
	for c := 3*i + 1; c <= 3*i+3 && c < n; c++ {
		children = append(children, c)
		fmt.Fprintf(&b, "import { size%d } from %q;\n", c, importSpecifier(i, c))
	}
	fmt.Fprintf(&b, "\nexport const size%d = 1", i)
	for _, c := range children {
		fmt.Fprintf(&b, " + size%d", c)
	}
	b.WriteString(";\n\nexport function describe(path: string): string {\n  return `${path}: ${size")
	fmt.Fprintf(&b, "%d}`;\n}\n", i)
	switch {
	case i > 0 && i%25 == 0:
		b.WriteString("\nimport.meta.hot?.accept();\n")
	case i > 0 && i%10 == 0 && len(children) > 0:
		fmt.Fprintf(&b, "\nimport.meta.hot?.accept(%q, () => {});\n", importSpecifier(i, children[0]))
	}
	return b.String()
}

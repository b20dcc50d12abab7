package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// generateWorkspace writes a TypeScript project of n modules under dir: modules form a tree
// from src/d0/m0.ts (each imports the next three) plus one cross link each, so the graph is a
// DAG about log3(n) deep. Every tenth module accepts its first dependency and every
// twenty-fifth accepts itself, as a real server's route modules do.
func generateWorkspace(dir string, n int) (entry string, err error) {
	write := func(rel, body string) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(body), 0o644)
	}
	if err := write("package.json", `{"name": "generated", "private": true, "type": "module"}`+"\n"); err != nil {
		return "", err
	}
	if err := write("tsconfig.json", `{"compilerOptions": {"module": "nodenext", "strict": true}}`+"\n"); err != nil {
		return "", err
	}
	for i := 0; i < n; i++ {
		if err := write(modulePath(i), moduleSource(i, n)); err != nil {
			return "", err
		}
	}
	return modulePath(0), nil
}

// modulePath places module i in a directory of a hundred modules.
func modulePath(i int) string {
	return fmt.Sprintf("src/d%d/m%d.ts", i/100, i)
}

// specifierFor is how module from imports module to: a relative `.js` specifier naming `.ts`.
func specifierFor(from, to int) string {
	rel, _ := filepath.Rel(filepath.Dir(modulePath(from)), modulePath(to))
	rel = filepath.ToSlash(strings.TrimSuffix(rel, ".ts") + ".js")
	if !strings.HasPrefix(rel, ".") {
		rel = "./" + rel
	}
	return rel
}

func moduleSource(i, n int) string {
	var deps []int
	for c := 3*i + 1; c <= 3*i+3 && c < n; c++ {
		deps = append(deps, c)
	}
	if cross := (i*7 + 13) % n; cross > i && cross > 3*i+3 {
		deps = append(deps, cross)
	}
	var b strings.Builder
	b.WriteString("import { readFileSync } from \"node:fs\";\n")
	b.WriteString("import type { Config } from \"" + specifierFor(i, 0) + "\";\n")
	for k, d := range deps {
		fmt.Fprintf(&b, "import { value%d as dep%d } from %q;\n", d, k, specifierFor(i, d))
	}
	fmt.Fprintf(&b, "\nexport interface Config { name: string; size: number }\n\n")
	fmt.Fprintf(&b, "export const value%d: number = %d", i, i)
	for k := range deps {
		fmt.Fprintf(&b, " + dep%d", k)
	}
	b.WriteString(";\n\n")
	fmt.Fprintf(&b, "export function handler%d(input: string): string {\n", i)
	b.WriteString("  const parts = input.split(\"/\").filter(Boolean);\n")
	b.WriteString("  if (parts.length > 3) {\n    return readFileSync(\"/dev/null\", \"utf8\") + parts.join(\"-\");\n  }\n")
	fmt.Fprintf(&b, "  return `module %d: ${parts.length}`;\n}\n", i)
	switch {
	case i > 0 && i%25 == 0:
		b.WriteString("\nimport.meta.hot?.accept();\n")
	case i%10 == 0 && len(deps) > 0:
		fmt.Fprintf(&b, "\nimport.meta.hot?.accept(%q, () => {});\n", specifierFor(i, deps[0]))
	}
	return b.String()
}

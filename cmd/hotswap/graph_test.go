package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis"
)

func TestGraphJSONGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "typescript")
	runGolden(t, graphRunner, []string{"--json", dir}, dir, "graph/typescript.json.golden")
}

func TestGraphDOTGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "diamond")
	runGolden(t, graphRunner, []string{dir, "--dot"}, dir, "graph/diamond.dot.golden")
}

func TestGraphJSONShape(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "boundary")
	var stdout, stderr bytes.Buffer
	if code := runGraph([]string{dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var dump analysis.GraphDump
	if err := json.Unmarshal(stdout.Bytes(), &dump); err != nil {
		t.Fatal(err)
	}
	byPath := map[string]analysis.ModuleDump{}
	for _, m := range dump.Modules {
		byPath[m.Path] = m
	}
	routes := byPath["routes.js"]
	if !routes.Boundary || !routes.Reloadable || strings.Join(routes.Dependents, ",") != "main.js" ||
		strings.Join(routes.Dependencies, ",") != "model.js" {
		t.Fatalf("routes.js: %+v", routes)
	}
	if main := byPath["main.js"]; !main.Entry || main.Reloadable || strings.Join(main.Accepts, ",") != "routes.js" {
		t.Fatalf("main.js: %+v", main)
	}
}

func TestGraphRejectsBothFormats(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runGraph([]string{"--json", "--dot", "."}, &stdout, &stderr); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	hmrsession "github.com/hotswap/hotswap/hmr/session"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/vscode-extension/media"
)

// TestGraphHTMLSelfContained writes the graph page of a fixture and checks that it carries
// the graph and the view's script inline, under a nonce-only policy, and loads nothing else.
func TestGraphHTMLSelfContained(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "verdicts", "boundary")
	out := filepath.Join(t.TempDir(), "graph.html")
	var stdout, stderr bytes.Buffer
	if code := runGraph([]string{dir, "--html", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)

	csp := regexp.MustCompile(`content="default-src 'none'; style-src +'nonce-([A-Za-z0-9+/=]+)'; script-src 'nonce-([A-Za-z0-9+/=]+)';"`).FindStringSubmatch(page)
	if csp == nil || csp[1] != csp[2] {
		t.Fatalf("no nonce-only content security policy in:\n%.600s", page)
	}
	script := `<script nonce="` + csp[1] + `">` + media.GraphJS + "</script>"
	if strings.Count(page, script) != 1 {
		t.Fatal("the view's script is not inlined once with the page's nonce")
	}

	// The data element holds the graph as the panel's GraphView has it.
	data := regexp.MustCompile(`<script type="application/json" id="hotswap-graph-data">([^<]*)</script>`).FindStringSubmatch(page)
	if data == nil {
		t.Fatal("no graph data in the page")
	}
	var got graphPageData
	if err := json.Unmarshal([]byte(data[1]), &got); err != nil {
		t.Fatal(err)
	}
	byPath := map[string]hmrsession.GraphModule{}
	for _, m := range got.Graph.Modules {
		byPath[m.Path] = m
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Graph.Folder != string(uri.File(root)) {
		t.Errorf("folder %q, want the URI of %s", got.Graph.Folder, root)
	}
	if got.Graph.Source != "static" || strings.Join(got.Graph.Entries, ",") != "main.js" || len(byPath) != 3 || got.ReadAt == "" {
		t.Fatalf("graph: %+v", got)
	}
	if m := byPath["main.js"]; !m.Entry || m.Verdict != "restart" || strings.Join(m.Accepts, ",") != "routes.js" {
		t.Fatalf("main.js: %+v", m)
	}
	if m := byPath["routes.js"]; m.Verdict != "hot" || strings.Join(m.Dependencies, ",") != "model.js" || strings.Join(m.AcceptedBy, ",") != "main.js" {
		t.Fatalf("routes.js: %+v", m)
	}

	// Outside the script, nothing refers to any other resource.
	rest := strings.Replace(page, script, "", 1)
	for _, ref := range []string{"src=", "href=", "<link", "url(", "@import", "http:", "https:"} {
		if strings.Contains(rest, ref) {
			t.Errorf("the page outside its script contains %q", ref)
		}
	}
	// The script loads nothing either: no fetches, workers from URLs or imports.
	for _, ref := range []string{"fetch(", "XMLHttpRequest", "importScripts", "import(", "<link", "@import", "</script"} {
		if strings.Contains(media.GraphJS, ref) {
			t.Errorf("the view's script contains %q", ref)
		}
	}
}

// TestGraphHTMLDataCannotBreakOut checks that a file name with markup stays inside the data.
func TestGraphHTMLDataCannotBreakOut(t *testing.T) {
	dir := t.TempDir()
	// The entry's own name carries markup and a placeholder of the template.
	for name, text := range map[string]string{
		"package.json":     `{"type":"module","main":"<b>{{nonce}}&.js"}`,
		"<b>{{nonce}}&.js": `export {};`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "graph.html")
	var stdout, stderr bytes.Buffer
	if code := runGraph([]string{dir, "--html", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	raw, _ := os.ReadFile(out)
	page := strings.Replace(string(raw), media.GraphJS, "", 1)
	if strings.Count(page, "</script>") != 2 || strings.Contains(page, "<b>") {
		t.Fatalf("the file name escaped the data:\n%s", page)
	}
	if !strings.Contains(page, `"\u003cb\u003e{{nonce}}\u0026.js"`) {
		t.Fatalf("the module is missing from the data:\n%s", page)
	}
}

func TestGraphHTMLRejectsOtherFormats(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runGraph([]string{"--html", filepath.Join(t.TempDir(), "g.html"), "--dot", "."}, &stdout, &stderr); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
}

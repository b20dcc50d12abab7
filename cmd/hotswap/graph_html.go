package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	hmrsession "github.com/hotswap/hotswap/hmr/session"
	"github.com/hotswap/hotswap/vscode-extension/media"
)

// graphPageData is GraphPageData of vscode-extension/src/graphModel.ts: the graph as the
// panel's hotswap.showGraph gives it (GraphView), and when it was read.
type graphPageData struct {
	Graph  hmrsession.GraphView `json:"graph"`
	ReadAt string               `json:"readAt"`
}

// writeGraphHTML writes the graph view as one self-contained page: the template of the VS
// Code panel with the same script inlined and the graph embedded, under a content security
// policy that admits only this page's own script and style.
func writeGraphHTML(out io.Writer, w *analysis.Workspace, now time.Time) error {
	// The folder's URI as an editor names it (file:///c%3A/app on Windows, as the panel's is).
	data := graphPageData{Graph: hmrsession.StaticGraphView(string(uri.File(w.Root())), w)}
	data.ReadAt = now.UTC().Format(time.RFC3339)
	// encoding/json writes <, > and & as \u escapes, so the data cannot end its <script> early.
	encoded, err := json.Marshal(data)
	if err != nil {
		return err
	}
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return err
	}
	nonce := base64.StdEncoding.EncodeToString(raw[:])
	// One pass, so text inside the data can never be taken for a placeholder.
	page := strings.NewReplacer(
		"{{styleSource}}", "",
		"{{nonce}}", nonce,
		"{{title}}", "Hotswap module graph: "+htmlEscape(filepath.Base(w.Root())),
		"{{data}}", string(encoded),
		"{{script}}", `<script nonce="`+nonce+`">`+media.GraphJS+"</script>",
	).Replace(media.GraphHTML)
	_, err = io.WriteString(out, page)
	return err
}

// htmlEscape escapes text for an HTML element's content.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

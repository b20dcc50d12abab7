package lsp

import (
	"github.com/hotswap/hotswap/hmr/session"

	"testing"

	"go.lsp.dev/protocol"
)

// The restart-required diagnostics follow the running app's graph: plugin.ts, which main.ts
// loads with a computed import the analysis cannot follow, has none before the app starts,
// gets one with the app's chain while it runs, and loses it when the app stops.
func TestRestartDiagnosticsFollowLiveGraph(t *testing.T) {
	c := startServer(t, "dynamic", clientOptions{
		settings: map[string]any{"hotswap": map[string]any{"nodePath": pinnedNode(t), "runtime": runtimePath(t)}},
	})
	c.awaitDiagnostics(0, "src/main.ts", hasCode("hotswap/dynamic-import-unknown"))
	if d, published := c.latestDiagnostics()["src/plugin.ts"]; published && len(d) > 0 {
		t.Fatalf("plugin.ts has diagnostics before the app runs: %+v", d)
	}

	from := c.mark()
	var status session.AppStatus
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.start"}, &status)
	if status.State != session.StateRunning {
		t.Fatalf("hotswap.start answered %+v", status)
	}
	d := c.awaitDiagnostics(from, "src/plugin.ts", hasCode("hotswap/restart-required"))
	if len(d) != 1 || diagSource(d[0]) != "hotswap" || diagMessage(d[0]) != "edits here restart the app: src/plugin.ts -> src/main.ts" {
		t.Errorf("plugin.ts while the app runs: %+v", d)
	}
	if len(d) == 1 && (len(d[0].RelatedInformation) != 1 || d[0].RelatedInformation[0].Message != "entry src/main.ts imports src/plugin.ts and accepts no update of it") {
		t.Errorf("related information of plugin.ts's restart: %+v", d[0].RelatedInformation)
	}

	from = c.mark()
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.stop"}, &status)
	c.awaitDiagnostics(from, "src/plugin.ts", func(d []protocol.Diagnostic) bool { return len(d) == 0 })
}

package lsp

import (
	"github.com/hotswap/hotswap/hmr/session"

	"os"
	"strings"
	"testing"

	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// With onSave "manual" a save only re-analyses; hotswap.push then applies every saved file as
// one update. A crash of the app is reported and the next push starts it again.
func TestManualPushAndCrash(t *testing.T) {
	c := startServer(t, "app", clientOptions{settings: map[string]any{
		"nodePath": pinnedNode(t), "runtime": runtimePath(t), "onSave": "manual"}})
	c.awaitDiagnostics(0, "src/main.ts", hasCode("hotswap/restart-required"))
	from := c.mark()
	var status session.AppStatus
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.start"}, &status)
	c.awaitEvent(from, "ready", nil)

	handler, _ := os.ReadFile(c.path("src/handler.ts"))
	saved := c.mark()
	c.save("src/handler.ts", strings.Replace(string(handler), "reply v0", "reply v1", 1))
	var result hmrprotocol.UpdateResult
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.push"}, &result)
	if result.Type != hmrprotocol.ResultSuccess || len(result.Paths) != 1 || !strings.HasSuffix(result.Paths[0], "src/handler.ts") {
		t.Fatalf("hotswap.push answered %+v", result)
	}
	_, first := c.awaitEvent(saved, "update", nil)
	c.mu.Lock()
	for _, n := range c.notes[saved:first] {
		if n.Method == "hotswap/event" && strings.Contains(string(n.Params), `"kind":"update"`) {
			t.Errorf("an update before hotswap.push: %s", n.Params)
		}
	}
	c.mu.Unlock()

	// The handler now kills the process the next time it is evaluated.
	from = c.mark()
	c.save("src/handler.ts", "export function handle() {}\nprocess.exit(3);\nimport.meta.hot?.accept();\n")
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.push"}, nil)
	crash, _ := c.awaitEvent(from, "crash", nil)
	if exit := crash["exit"].(map[string]any); exit["code"] != 3.0 {
		t.Errorf("crash event: %v", crash)
	}
	c.awaitEvent(from, "status", func(e map[string]any) bool {
		return e["state"] == session.StateCrashed && e["graph"] == session.SourceStatic
	})

	from = c.mark()
	c.save("src/handler.ts", string(handler))
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.push"}, nil)
	restart, _ := c.awaitEvent(from, "restart", nil)
	if r := restart["restart"].(map[string]any); r["reason"] != "crashed" || r["ready"] != true {
		t.Errorf("restart after the crash: %v", restart)
	}

	// hotswap.start on a crashed app starts it again at once.
	from = c.mark()
	c.save("src/handler.ts", "export function handle() {}\nprocess.exit(4);\nimport.meta.hot?.accept();\n")
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.push"}, nil)
	c.awaitEvent(from, "crash", nil)
	c.save("src/handler.ts", string(handler))
	from = c.mark()
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.start"}, &status)
	restart, _ = c.awaitEvent(from, "restart", nil)
	if r := restart["restart"].(map[string]any); r["reason"] != "requested" || r["ready"] != true || status.State != session.StateRunning {
		t.Errorf("hotswap.start after a crash: %v, status %+v", restart, status)
	}
}

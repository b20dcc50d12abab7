package lsp

import (
	"github.com/hotswap/hotswap/hmr/session"

	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// pinnedNode is $HOTSWAP_NODE or scripts/node.sh lts: tests never use the machine's node.
func pinnedNode(t *testing.T) string {
	t.Helper()
	if node := os.Getenv("HOTSWAP_NODE"); node != "" {
		return node
	}
	out, err := exec.Command(filepath.Join("..", "scripts", "node.sh"), "lts").Output()
	if err != nil {
		t.Fatalf("no pinned node: set HOTSWAP_NODE or fix scripts/node.sh lts: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// runtimePath is the checkout's hmr/runtime/register.js.
func runtimePath(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "hmr", "runtime", "register.js"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var listening = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// The whole loop with the real runtime on the pinned node: nothing runs until hotswap.start;
// the lenses switch to the live graph; a saved edit to the handler is swapped in (the HTTP
// reply changes, an update event arrives); a failing version becomes a diagnostic at its
// line and goes away when fixed; an edit to config.ts restarts; stop ends the app.
func TestAppLifecycle(t *testing.T) {
	c := startServer(t, "app", clientOptions{
		settings: map[string]any{"hotswap": map[string]any{"nodePath": pinnedNode(t), "runtime": runtimePath(t)}},
		capabilities: map[string]any{"workspace": map[string]any{
			"codeLens": map[string]any{"refreshSupport": true}, "inlayHint": map[string]any{"refreshSupport": true}}},
	})
	c.awaitDiagnostics(0, "src/main.ts", hasCode("hotswap/restart-required"))
	c.open("src/handler.ts")
	if got := c.codeLenses("src/handler.ts"); len(got) == 0 || got[0] != "0:0 hot: accepts its own updates (static)" {
		t.Errorf("lenses before start: %q", got)
	}
	if _, err := os.Stat(c.path("started.txt")); err == nil {
		t.Fatal("the app ran before hotswap.start")
	}

	from := c.mark()
	var status session.AppStatus
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.start"}, &status)
	if status.State != session.StateRunning || status.Entry != "src/main.ts" || status.PID == 0 {
		t.Errorf("hotswap.start answered %+v", status)
	}
	if _, err := os.Stat(c.path("started.txt")); err != nil {
		t.Errorf("the app did not run: %v", err)
	}
	ready, _ := c.awaitEvent(from, "ready", nil)
	if !strings.HasPrefix(ready["text"].(string), "ready in ") {
		t.Errorf("ready event text: %v", ready["text"])
	}
	c.awaitEvent(from, "status", func(e map[string]any) bool { return e["graph"] == "live" && e["state"] == session.StateRunning })
	out, _ := c.awaitEvent(from, "output", func(e map[string]any) bool { return listening.MatchString(e["output"].(string)) })
	base := listening.FindStringSubmatch(out["output"].(string))[1]
	if got := get(t, base); got != "reply v0\n" {
		t.Errorf("first reply %q", got)
	}
	if got := c.codeLenses("src/handler.ts"); len(got) == 0 || got[0] != "0:0 hot: accepts its own updates (live)" {
		t.Errorf("lenses while running: %q", got)
	}
	// The client was asked to fetch lenses and hints again when the live graph arrived.
	c.mu.Lock()
	asked := strings.Join(c.requests, " ")
	c.mu.Unlock()
	if !strings.Contains(asked, "workspace/codeLens/refresh") || !strings.Contains(asked, "workspace/inlayHint/refresh") {
		t.Errorf("the server asked the client %q, want code lens and inlay hint refreshes", asked)
	}

	handler, _ := os.ReadFile(c.path("src/handler.ts"))
	from = c.mark()
	c.save("src/handler.ts", strings.Replace(string(handler), "reply v0", "reply v1", 1))
	update, _ := c.awaitEvent(from, "update", nil)
	if u := update["update"].(map[string]any); u["type"] != "success" || !strings.HasPrefix(update["text"].(string), "hot update in ") {
		t.Fatalf("update event after a hot edit: %v", update)
	}
	if got := get(t, base); got != "reply v1\n" {
		t.Errorf("reply after the hot update %q, want reply v1", got)
	}

	from = c.mark()
	c.save("src/handler.ts", "export function handle() {}\nthrow new Error(\"broken on purpose\");\nimport.meta.hot?.accept();\n")
	c.awaitEvent(from, "update", func(e map[string]any) bool {
		return e["update"].(map[string]any)["type"] == "evaluationError"
	})
	d := c.awaitDiagnostics(from, "src/handler.ts", hasCode("hotswap/evaluation-error"))
	if diagSource(d[0]) != "hotswap run" || d[0].Range.Start.Line != 1 || !strings.Contains(diagMessage(d[0]), "broken on purpose") {
		t.Errorf("run diagnostic: %+v", d[0])
	}
	if got := get(t, base); got != "reply v1\n" {
		t.Errorf("reply after a failed update %q: the old code should keep running", got)
	}
	from = c.mark()
	c.save("src/handler.ts", strings.Replace(string(handler), "reply v0", "reply v2", 1))
	c.awaitDiagnostics(from, "src/handler.ts", func(d []protocol.Diagnostic) bool { return len(d) == 0 })

	var ex session.Explanation
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.explain", "arguments": []any{map[string]any{"uri": c.uri("src/config.ts")}}}, &ex)
	if ex.Kind != "restart" || ex.Source != session.SourceLive || strings.Join(ex.Chain, " ") != "src/config.ts src/main.ts" {
		t.Errorf("explain config.ts: %+v", ex)
	}
	var view session.GraphView
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.showGraph"}, &view)
	if view.Source != session.SourceLive || len(view.Modules) != 3 || !strings.Contains(view.DOT, "digraph") {
		t.Errorf("showGraph: source %s, %d modules", view.Source, len(view.Modules))
	}

	config, _ := os.ReadFile(c.path("src/config.ts"))
	from = c.mark()
	c.save("src/config.ts", strings.Replace(string(config), "config v0", "config v1", 1))
	restart, _ := c.awaitEvent(from, "restart", nil)
	if r := restart["restart"].(map[string]any); r["reason"] != "unaccepted" || r["ready"] != true {
		t.Errorf("restart event: %v", restart)
	}

	from = c.mark()
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.stop"}, &status)
	c.awaitEvent(from, "exit", nil)
	c.awaitEvent(from, "status", func(e map[string]any) bool {
		return e["state"] == session.StateStopped && e["graph"] == session.SourceStatic
	})
	if got := c.codeLenses("src/handler.ts"); len(got) == 0 || !strings.HasSuffix(got[0], "(static)") {
		t.Errorf("lenses after stop: %q", got)
	}
}

// get fetches a URL with a timeout and returns the body.
func get(t *testing.T, url string) string {
	t.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

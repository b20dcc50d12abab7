package lsp

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/session"
)

// inspectorTargetID is the id of the inspector target on 127.0.0.1:port, waiting up to 20s
// for one other than not.
func inspectorTargetID(t *testing.T, port int, not string) string {
	t.Helper()
	client := http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := client.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/json/list")
		if err != nil {
			continue
		}
		var targets []struct {
			ID string `json:"id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&targets)
		resp.Body.Close()
		if err == nil && len(targets) > 0 && targets[0].ID != not {
			return targets[0].ID
		}
	}
	t.Fatalf("no new inspector target on port %d", port)
	return ""
}

// hotswap.start with { inspect } starts the app with node's inspector on that port (what the
// VS Code debug configuration attaches to); a restart brings it back on the same port.
func TestStartWithInspector(t *testing.T) {
	c := startServer(t, "app", clientOptions{
		settings: map[string]any{"hotswap": map[string]any{"nodePath": pinnedNode(t), "runtime": runtimePath(t)}},
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var status session.AppStatus
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.start", "arguments": []any{map[string]any{"inspect": "127.0.0.1:" + strconv.Itoa(port)}}}, &status)
	if status.State != session.StateRunning {
		t.Fatalf("hotswap.start answered %+v", status)
	}
	first := inspectorTargetID(t, port, "")
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.restart"}, &status)
	inspectorTargetID(t, port, first)
	c.call("workspace/executeCommand", map[string]any{"command": "hotswap.stop"}, &status)
}

//go:build unix

package session

import (
	"bufio"
	"encoding/json"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/analysis"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// requestCounter sits on the control channel between the driver and the runtime and counts
// the requests the driver sends, by method.
type requestCounter struct {
	listener net.Listener
	upstream string // the file where the node wrapper writes the driver's socket path

	mu     sync.Mutex
	counts map[string]int
	conns  []net.Conn
}

// newRequestCounter listens in dir and returns a node wrapper that points the runtime at the
// counter instead of the driver: the real node, the real runtime and driver, one more hop.
func newRequestCounter(t *testing.T, node string) (*requestCounter, string) {
	t.Helper()
	dir := t.TempDir()
	listener, err := net.Listen("unix", filepath.Join(dir, "counter.sock"))
	if err != nil {
		t.Fatal(err)
	}
	c := &requestCounter{listener: listener, upstream: filepath.Join(dir, "upstream"), counts: map[string]int{}}
	wrapper := filepath.Join(dir, "node")
	script := "#!/bin/sh\n" +
		"if [ -n \"$HOTSWAP_SOCKET\" ]; then\n" +
		"  printf '%s' \"$HOTSWAP_SOCKET\" > '" + c.upstream + "'\n" +
		"  HOTSWAP_SOCKET='" + listener.Addr().String() + "'; export HOTSWAP_SOCKET\n" +
		"fi\n" +
		"exec '" + node + "' \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	go c.serve(t)
	t.Cleanup(func() {
		_ = listener.Close()
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, conn := range c.conns {
			_ = conn.Close()
		}
	})
	return c, wrapper
}

// serve joins each runtime that connects to the driver that started it.
func (c *requestCounter) serve(t *testing.T) {
	for {
		runtime, err := c.listener.Accept()
		if err != nil {
			return
		}
		path, err := os.ReadFile(c.upstream)
		if err != nil {
			t.Errorf("the node wrapper left no driver socket: %v", err)
			_ = runtime.Close()
			continue
		}
		driver, err := net.Dial("unix", string(path))
		if err != nil {
			t.Errorf("dial the driver at %s: %v", path, err)
			_ = runtime.Close()
			continue
		}
		c.mu.Lock()
		c.conns = append(c.conns, runtime, driver)
		c.mu.Unlock()
		go func() {
			_, _ = io.Copy(driver, runtime)
			_ = driver.Close()
		}()
		go c.forward(driver, runtime)
	}
}

// forward copies the driver's lines to the runtime, counting those that are requests.
func (c *requestCounter) forward(driver, runtime net.Conn) {
	defer runtime.Close()
	lines := bufio.NewScanner(driver)
	lines.Buffer(make([]byte, 1<<20), 64<<20)
	for lines.Scan() {
		var message struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if json.Unmarshal(lines.Bytes(), &message) == nil && message.Method != "" && message.ID != nil {
			c.mu.Lock()
			c.counts[message.Method]++
			c.mu.Unlock()
		}
		if _, err := runtime.Write(append(lines.Bytes(), '\n')); err != nil {
			return
		}
	}
}

// snapshot returns the counts so far.
func (c *requestCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.counts)
}

// since returns the requests sent after before, by method.
func (c *requestCounter) since(before map[string]int) map[string]int {
	diff := map[string]int{}
	for method, n := range c.snapshot() {
		if d := n - before[method]; d > 0 {
			diff[method] = d
		}
	}
	return diff
}

// settle waits until no request arrived for quiet, so a request that follows a result (as a
// graph request after an update once did) is counted before the test reads the counts.
func (c *requestCounter) settle(quiet time.Duration) {
	last := c.snapshot()
	for {
		time.Sleep(quiet)
		now := c.snapshot()
		if maps.Equal(now, last) {
			return
		}
		last = now
	}
}

// A save costs one round trip to the runtime: the update request, whose result brings the
// graph when an edge or a registration changed. A body edit asks for nothing more and leaves
// the live graph as it was; an edit that adds an import asks for nothing more either, and
// the live graph, verdicts and views follow it.
func TestSaveCostsOneRoundTrip(t *testing.T) {
	dir := fixture(t, "app")
	counter, wrapper := newRequestCounter(t, pinnedNode(t))
	config := DefaultConfig()
	config.NodePath, config.Runtime = wrapper, runtimePath(t)
	_, f, rec := open(t, dir, config)
	if _, err := f.StartApp(t.Context()); err != nil {
		t.Fatal(err)
	}
	rec.await(t, 0, "live status", func(e Event) bool { return e.Kind == "status" && e.Graph == SourceLive })
	// The graph the session reads once the app is ready is the one request besides updates.
	counter.settle(500 * time.Millisecond)
	if got := counter.snapshot(); got[hmrprotocol.MethodGraph] != 1 || got[hmrprotocol.MethodUpdate] != 0 {
		t.Errorf("requests at start: %v, want one graph request", got)
	}

	handler := f.Abs("src/handler.ts")
	save := func(path string, text string) map[string]int {
		t.Helper()
		before := counter.snapshot()
		from := rec.mark()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		f.DidModifyFiles([]Modification{{Path: path, Action: Save, Text: []byte(text)}})
		e := rec.await(t, from, "update", func(e Event) bool { return e.Kind == "update" })
		if e.Update.Type != hmrprotocol.ResultSuccess || e.Update.Graph != nil || e.Update.GraphVersion != 0 {
			t.Errorf("update event of %s: %+v (the editor's event carries neither graph nor version)", f.Rel(path), e.Update)
		}
		counter.settle(500 * time.Millisecond)
		return counter.since(before)
	}

	modules := func() int { return f.Live().Len() }
	views := rec.viewChanges()
	from := rec.mark()
	body := "export function handle(request: unknown, response: { end(text: string): void }) {\n  response.end(\"reply v1\\n\");\n}\nimport.meta.hot?.accept();\n"
	if got := save(handler, body); !maps.Equal(got, map[string]int{hmrprotocol.MethodUpdate: 1}) {
		t.Errorf("requests of a save that changed a body: %v, want one update", got)
	}
	if modules() != 3 || rec.viewChanges() != views {
		t.Errorf("a body edit: %d live modules, views changed %d times", modules(), rec.viewChanges()-views)
	}
	rec.mu.Lock()
	for _, e := range rec.events[from:] {
		if e.Kind == "graph" {
			t.Errorf("a body edit sent a graph event: %+v", e)
		}
	}
	rec.mu.Unlock()

	if err := os.WriteFile(f.Abs("src/extra.ts"), []byte("export const extra = 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from = rec.mark()
	grown := "import './extra.ts';\n" + body
	if got := save(handler, grown); !maps.Equal(got, map[string]int{hmrprotocol.MethodUpdate: 1}) {
		t.Errorf("requests of a save that added an import: %v, want one update", got)
	}
	rec.await(t, from, "graph of 4 modules", func(e Event) bool { return e.Kind == "graph" && e.Modules != nil && *e.Modules == 4 })
	waitFor(t, "the views to change", func() bool { return rec.viewChanges() > views })
	extra := f.Abs("src/extra.ts")
	if v := f.Verdict(extra); v.Source != SourceLive || v.Kind != analysis.VerdictHot {
		t.Errorf("extra.ts after the save that imported it: %+v", v)
	}
	if m := f.Live().Module(handler); m == nil || !strings.Contains(importPaths(m), extra) {
		t.Errorf("handler.ts in the live graph does not import extra.ts: %+v", m)
	}
}

// importPaths lists a module's imports, one per line.
func importPaths(m *hmrprotocol.GraphModule) string {
	var b strings.Builder
	for _, imp := range m.Imports {
		b.WriteString(imp.Path + "\n")
	}
	return b.String()
}

package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
)

// inspectorID asks the inspector on port for its target id; "" while nothing answers.
func inspectorID(port string) string {
	client := http.Client{Timeout: time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/json/list")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var targets []inspectorTarget
	if json.NewDecoder(resp.Body).Decode(&targets) != nil || len(targets) == 0 {
		return ""
	}
	return targets[0].ID
}

// Each restart's new process gets the same inspector port: the old one has exited first.
func TestRunInspectKeepsThePortAcrossRestarts(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	port := freePort(t)
	s, stdin := startCLIPiped(t, app, nil, "--json", "--inspect=127.0.0.1:"+port, "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	pid := ready.Ready.PID
	seen := map[string]bool{}
	from := 0
	for round := 0; round < 3; round++ {
		// The new process's inspector answers on the same port, and run prints its URL.
		id := ""
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if id = inspectorID(port); id != "" && !seen[id] {
				break
			}
		}
		if id == "" || seen[id] {
			t.Fatalf("round %d: inspector on %s answers %q (ids so far %v)", round, port, id, seen)
		}
		seen[id] = true
		waitStderr(t, s, "[hotswap] open in Chrome DevTools: devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=127.0.0.1:"+port+"/"+id)
		if round == 2 {
			break
		}
		typeLine(t, stdin, "rs\n")
		var restart driver.Event
		restart, from = s.waitEvent(from, driver.KindRestart, nil)
		if !restart.Restart.Ready || restart.PID == pid {
			t.Fatalf("restart %+v (pid %d, was %d)", restart.Restart, restart.PID, pid)
		}
		pid = restart.PID
	}
	if strings.Contains(s.stderr.String(), "address already in use") {
		t.Fatalf("a restart found the port taken:\n%s", s.stderr.String())
	}
}

func TestInspectAddress(t *testing.T) {
	for value, want := range map[string]string{
		"true": "127.0.0.1:9229", "9230": "127.0.0.1:9230", "0.0.0.0:9231": "0.0.0.0:9231",
		"localhost": "localhost:9229", "[::1]:9232": "[::1]:9232", ":9233": "127.0.0.1:9233",
	} {
		if got, err := inspectAddress(value); err != nil || got != want {
			t.Errorf("inspectAddress(%q) = %q, %v; want %q", value, got, err, want)
		}
	}
	if _, err := inspectAddress("host:port"); err == nil {
		t.Errorf("inspectAddress(host:port) accepted a port that is not a number")
	}
}

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hotswap/hotswap/hmr/driver"
)

// TestRunRestartsOnHotHookRestartGlobs checks that package.json's hotHook.restart globs, as
// hot-hook's users write them, restart the app under `hotswap run` like .env does.
func TestRunRestartsOnHotHookRestartGlobs(t *testing.T) {
	app := fixtureApp(t, "server")
	manifest := `{ "type": "module", "hotHook": { "restart": ["./config/*.json"] } }`
	if err := os.WriteFile(filepath.Join(app, "package.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(app, "config"), 0o755); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(app, "config", "settings.json")
	edit(t, settings, "{}\n")
	s := startCLI(t, app, nil, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	from := s.eventCount()
	edit(t, settings, "{ \"changed\": true }\n")
	restart, _ := s.waitEvent(from, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonFileChanged || restart.Restart.Message != "config/settings.json changed" {
		t.Fatalf("restart = %+v", restart.Restart)
	}
	again, _ := s.waitEvent(from, driver.KindReady, nil)
	if again.PID == ready.PID {
		t.Fatalf("the app was not restarted (pid %d)", again.PID)
	}
}

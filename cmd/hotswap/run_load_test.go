package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// load sends requests to one port from a few workers until stopped and counts the outcomes.
type load struct {
	ok, lost atomic.Int64
	lastErr  atomic.Value
	stopped  chan struct{}
	wg       sync.WaitGroup
}

func startLoad(port string, workers int) *load {
	l := &load{stopped: make(chan struct{})}
	client := &http.Client{Timeout: 5 * time.Second}
	for range workers {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for {
				select {
				case <-l.stopped:
					return
				default:
				}
				l.once(client, port)
				// A steady stream rather than a flood: the machine's two cores are shared.
				time.Sleep(time.Millisecond)
			}
		}()
	}
	return l
}

func (l *load) once(client *http.Client, port string) {
	resp, err := client.Get("http://127.0.0.1:" + port + "/")
	if err == nil {
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
	}
	if err != nil {
		l.lost.Add(1)
		l.lastErr.Store(err.Error())
		return
	}
	l.ok.Add(1)
}

func (l *load) stop() (ok, lost int64) {
	close(l.stopped)
	l.wg.Wait()
	return l.ok.Load(), l.lost.Load()
}

// An HTTP server under steady loopback load loses no request across 50 hot edits; a forced
// restart's losses are measured and reported.
func TestRunLosesNoRequestAcrossHotEdits(t *testing.T) {
	app := fixtureApp(t, "server")
	port := freePort(t)
	s := startCLI(t, app, []string{"PORT=" + port}, "--json", "main.js")
	s.waitEvent(0, driver.KindReady, nil)
	s.port(0)

	hot := startLoad(port, 2)
	appFile := filepath.Join(app, "app.js")
	began := time.Now()
	for i := 1; i <= 50; i++ {
		from := s.eventCount()
		edit(t, appFile, appSource(fmt.Sprintf("reply v%d", i)))
		e, _ := s.waitEvent(from, driver.KindUpdate, nil)
		if e.Update.Type != protocol.ResultSuccess {
			t.Fatalf("edit %d: update %+v", i, e.Update)
		}
		// Let requests run against each version.
		time.Sleep(10 * time.Millisecond)
	}
	editsTook := time.Since(began)
	ok, lost := hot.stop()
	if got := get(t, port); got != "reply v50" {
		t.Fatalf("after 50 edits the app replies %q", got)
	}
	if s.countKind(driver.KindStart) != 1 {
		t.Fatalf("hot edits restarted the app: %s", s.describe())
	}
	t.Logf("50 hot edits in %v: %d requests served, %d lost", editsTook.Round(time.Millisecond), ok, lost)
	if lost != 0 || ok == 0 {
		t.Fatalf("lost %d of %d requests across hot edits (last error: %v)", lost, ok+lost, hot.lastErr.Load())
	}

	// A forced restart (config.js is accepted by nobody) under the same load.
	forced := startLoad(port, 2)
	from := s.eventCount()
	edit(t, filepath.Join(app, "config.js"), "export const config = { name: \"config v1\" };\n")
	restart, _ := s.waitEvent(from, driver.KindRestart, nil)
	s.waitLine(0, "(config v1)")
	time.Sleep(200 * time.Millisecond)
	ok, lost = forced.stop()
	t.Logf("forced restart in %.0fms: %d requests served, %d lost (last error: %v)", restart.Restart.DurationMs, ok, lost, forced.lastErr.Load())
	if got := get(t, port); !strings.HasPrefix(got, "reply v50") {
		t.Fatalf("after the restart the app replies %q", got)
	}
}

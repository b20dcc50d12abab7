package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/protocol"
)

// The soak's phases: what the app was going through when a request was sent.
const (
	phaseHot      = "hot edit"
	phaseRollback = "rollback"
	phaseRestart  = "forced restart"
)

// phaseCounts counts the requests of one phase by outcome.
type phaseCounts struct{ answered, refused, failed atomic.Int64 }

// soakServer is the README's server: one stable listener delegates to the current handler.
const soakServer = `import { createServer } from "node:http";
import { respond } from "./respond.js";

const hot = import.meta.hot;
const state = hot?.data?.state ?? { handler: null, server: null };
state.handler = (req, res) => res.end(respond() + " pid " + process.pid);
if (!state.server) {
  state.server = createServer((req, res) => state.handler(req, res));
  state.server.keepAliveTimeout = 100;
  state.server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening", process.pid));
}
hot?.dispose((data) => { data.state = state; });
hot?.accept();
`

func soakRespond(version int) string {
	return fmt.Sprintf("export const respond = () => %q;\n", "version "+strconv.Itoa(version))
}

func envInt(name string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n >= 0 {
		return n
	}
	return fallback
}

// TestSoak makes hot edits (every 50th first breaks the file, which rolls back) and forced
// restarts (.env) under steady loopback load, and counts requests by phase: none may be
// lost during hot edits and rollbacks. HOTSWAP_SOAK_EDITS and HOTSWAP_SOAK_RESTARTS size it
// (bench/soak runs 1,000 and 20); it logs requests refused per restart and the app's RSS.
func TestSoak(t *testing.T) {
	edits := envInt("HOTSWAP_SOAK_EDITS", 100)
	restarts := envInt("HOTSWAP_SOAK_RESTARTS", 3)
	port := freePort(t)
	dir := writeApp(t, map[string]string{"server.js": soakServer, "respond.js": soakRespond(0), ".env": "RUN=0\n"})
	s := startCLI(t, dir, []string{"PORT=" + port}, "--json", "server.js")
	s.waitLine(0, "listening")
	url := "http://127.0.0.1:" + port + "/"

	var phase atomic.Value
	phase.Store(phaseHot)
	counts := map[string]*phaseCounts{phaseHot: {}, phaseRollback: {}, phaseRestart: {}}
	var failures sync.Map
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (string, error) {
		resp, err := client.Get(url)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return string(body), err
	}
	ctx, stopLoad := context.WithCancel(context.Background())
	var load sync.WaitGroup
	for range 4 {
		load.Add(1)
		go func() {
			defer load.Done()
			for ctx.Err() == nil {
				p := phase.Load().(string)
				_, err := get()
				switch {
				case err == nil:
					counts[p].answered.Add(1)
				case errors.Is(err, syscall.ECONNREFUSED):
					counts[p].refused.Add(1)
				default:
					counts[p].failed.Add(1)
					failures.Store(p+": "+err.Error(), true)
				}
				// Steady load: about 500 requests a second from four clients.
				time.Sleep(8 * time.Millisecond)
			}
		}()
	}
	defer func() {
		stopLoad()
		load.Wait()
	}()
	// waitFor polls until the body starts with prefix and returns the body.
	waitFor := func(prefix string) string {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if body, err := get(); err == nil && strings.HasPrefix(body, prefix+" ") {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("%q never answered\n%s", prefix, s.describe())
			}
			time.Sleep(2 * time.Millisecond)
		}
	}

	first := waitFor("version 0")
	rssBefore := readRSS(t, first[strings.LastIndex(first, " ")+1:])
	respond := filepath.Join(dir, "respond.js")
	after := s.eventCount()
	for version := 1; version <= edits; version++ {
		if version%50 == 0 {
			phase.Store(phaseRollback)
			edit(t, respond, soakRespond(version)+"throw new Error(\"broken on purpose\");\n")
			_, after = s.waitEvent(after, driver.KindUpdate, func(e driver.Event) bool {
				return e.Update.Type == protocol.ResultEvaluationError
			})
			waitFor(fmt.Sprintf("version %d", version-1))
		}
		phase.Store(phaseHot)
		edit(t, respond, soakRespond(version))
		waitFor(fmt.Sprintf("version %d", version))
	}
	body := waitFor(fmt.Sprintf("version %d", edits))
	pid := body[strings.LastIndex(body, " ")+1:]
	rss := readRSS(t, pid)

	restartRefused := make([]int64, 0, restarts)
	var downtime []time.Duration
	for r := 1; r <= restarts; r++ {
		phase.Store(phaseRestart)
		began := time.Now()
		before := counts[phaseRestart].refused.Load()
		restartsSeen := s.countKind(driver.KindRestart)
		edit(t, filepath.Join(dir, ".env"), fmt.Sprintf("RUN=%d\n", r))
		for s.countKind(driver.KindRestart) == restartsSeen {
			time.Sleep(5 * time.Millisecond)
		}
		for {
			body := waitFor(fmt.Sprintf("version %d", edits))
			if !strings.HasSuffix(body, " "+pid) {
				pid = body[strings.LastIndex(body, " ")+1:]
				break
			}
		}
		downtime = append(downtime, time.Since(began).Round(time.Millisecond))
		restartRefused = append(restartRefused, counts[phaseRestart].refused.Load()-before)
		phase.Store(phaseHot)
	}
	stopLoad()
	load.Wait()

	for _, p := range []string{phaseHot, phaseRollback, phaseRestart} {
		c := counts[p]
		t.Logf("%-15s answered %7d  refused %5d  failed %3d", p, c.answered.Load(), c.refused.Load(), c.failed.Load())
	}
	t.Logf("%d hot edits (%d rolled back first), RSS of the app: %d KiB before, %d KiB after", edits, edits/50, rssBefore, rss)
	t.Logf("requests refused per forced restart: %v", restartRefused)
	t.Logf("time from the .env save to the new process answering: %v", downtime)
	var restartFailures []string
	failures.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), phaseRestart) {
			restartFailures = append(restartFailures, k.(string))
		}
		return len(restartFailures) < 3
	})
	t.Logf("failures during restarts (sample): %v", restartFailures)
	for _, p := range []string{phaseHot, phaseRollback} {
		if c := counts[p]; c.refused.Load()+c.failed.Load() > 0 {
			var msgs []string
			failures.Range(func(k, _ any) bool { msgs = append(msgs, k.(string)); return len(msgs) < 10 })
			t.Errorf("%s: %d refused, %d failed: %v", p, c.refused.Load(), c.failed.Load(), msgs)
		}
	}
	if counts[phaseHot].answered.Load() == 0 {
		t.Fatal("no request answered")
	}
	s.stop()
}

// readRSS returns a process's resident set size in KiB from /proc.
func readRSS(t *testing.T, pid string) int {
	t.Helper()
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		t.Logf("no RSS: %v", err)
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return n
		}
	}
	return 0
}

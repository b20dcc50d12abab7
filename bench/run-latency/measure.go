package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// tool is one way of running the app that reloads it on a change.
type tool struct {
	name string
	argv []string // the command line, the app's entry included
	dir  string   // the app's directory, the working directory of the tool
	// restart makes the edited module accept nothing, so hotswap must restart the app.
	restart bool
}

// result is one tool's measurements.
type result struct {
	name     string
	startup  time.Duration
	edits    []time.Duration
	failures int
	err      error
}

// measure starts the tool, waits until the app answers, then edits the hot module edits
// times and records how long each edit took to show in a reply.
func measure(t tool, hot, port string, edits int) result {
	r := result{name: t.name}
	cmd := exec.Command(t.argv[0], t.argv[1:]...)
	cmd.Env = append(os.Environ(), "PORT="+port)
	cmd.Dir = t.dir
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	// Its own process group so that the tool and every child it starts can be ended together.
	cmd.SysProcAttr = groupProcAttr()
	began := time.Now()
	if err := cmd.Start(); err != nil {
		r.err = err
		return r
	}
	defer func() {
		stopGroup(cmd.Process, false)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			stopGroup(cmd.Process, true)
			<-done
		}
	}()
	client := &http.Client{Timeout: time.Second}
	if err := waitForReply(client, port, "v0", 60*time.Second); err != nil {
		r.err = fmt.Errorf("app never answered: %w", err)
		return r
	}
	r.startup = time.Since(began)
	// Watchers settle after start-up (node --watch and nodemon set up their watches late).
	time.Sleep(500 * time.Millisecond)
	for i := 1; i <= edits; i++ {
		marker := fmt.Sprintf("v%d", i)
		began := time.Now()
		if err := os.WriteFile(hot, []byte(hotSource(marker, !t.restart)), 0o644); err != nil {
			r.err = err
			return r
		}
		if err := waitForReply(client, port, marker, 30*time.Second); err != nil {
			r.failures++
			continue
		}
		r.edits = append(r.edits, time.Since(began))
		// Let the tool settle before the next edit, as a person would.
		time.Sleep(300 * time.Millisecond)
	}
	return r
}

// waitForReply polls the app every millisecond until a reply starts with marker.
func waitForReply(client *http.Client, port, marker string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+port+"/", nil)
		resp, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.HasPrefix(string(body), marker+" ") {
				return nil
			}
			last = fmt.Errorf("reply %q", strings.TrimSpace(string(body)))
		} else {
			last = err
		}
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("no reply with %s within %v (last: %v)", marker, timeout, last)
}

// median and p90 of the recorded edits.
func (r result) stats() (median, p90 time.Duration) {
	if len(r.edits) == 0 {
		return 0, 0
	}
	sorted := slices.Clone(r.edits)
	slices.Sort(sorted)
	return sorted[len(sorted)/2], sorted[(len(sorted)*9)/10]
}

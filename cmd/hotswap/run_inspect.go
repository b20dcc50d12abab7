package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// defaultInspectAddress is node's own default for --inspect, on loopback only.
const defaultInspectAddress = "127.0.0.1:9229"

// inspectFlag is `--inspect[=[host:]port]`, `--inspect-brk` or `--inspect-wait`: node's own flag,
// passed through before --import, with the address remembered so that run can print the
// DevTools URL. Like node's, it may be given with no value.
type inspectFlag struct {
	cfg  *runConfig
	name string
}

func (f inspectFlag) IsBoolFlag() bool { return true }

func (f inspectFlag) String() string { return "" }

func (f inspectFlag) Set(value string) error {
	address, err := inspectAddress(value)
	if err != nil {
		return err
	}
	if f.cfg.inspect != "" {
		return fmt.Errorf("only one of --inspect, --inspect-brk and --inspect-wait may be given, once")
	}
	f.cfg.inspect = address
	f.cfg.nodeArgs = append(f.cfg.nodeArgs, "--"+f.name+"="+address)
	return nil
}

// inspectAddress turns `true` (no value), `port`, `host:port` or `host` into host:port, the
// way node reads them. The port must be a fixed one: the app gets it back after each restart.
func inspectAddress(value string) (string, error) {
	if value == "true" || value == "" {
		return defaultInspectAddress, nil
	}
	host, port, err := net.SplitHostPort(value)
	if err != nil {
		if _, numeric := strconv.Atoi(value); numeric == nil {
			host, port = "127.0.0.1", value
		} else {
			host, port = value, "9229"
		}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("inspector port %q is not a port number", port)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// addInspectFlags registers --inspect and --inspect-brk on the run command's flag set.
func addInspectFlags(fs *flag.FlagSet, cfg *runConfig) {
	fs.Var(inspectFlag{cfg, "inspect"}, "inspect", "start the app with node's inspector on `[host:]port` (default 127.0.0.1:9229), the same port after every restart")
	fs.Var(inspectFlag{cfg, "inspect-brk"}, "inspect-brk", "like --inspect, and stop before the app's first line until a debugger attaches")
	fs.Var(inspectFlag{cfg, "inspect-wait"}, "inspect-wait", "like --inspect, and wait for a debugger to attach before the app runs")
}

// inspectorTarget is one entry of the inspector's /json/list.
type inspectorTarget struct {
	ID                   string `json:"id"`
	DevtoolsFrontendURL  string `json:"devtoolsFrontendUrl"`
	WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
}

// announceInspector prints the inspector's WebSocket and DevTools URLs each time a new app
// process (a new target id) answers on address, until the returned stop is called. It asks
// node's /json/list rather than reading node's banner, which goes straight to the terminal.
func announceInspector(address string, say func(string, ...any)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		client := http.Client{Timeout: time.Second}
		last := ""
		ticker := time.NewTicker(250 * time.Millisecond)
		defer ticker.Stop()
		for {
			if target, ok := inspectorTargetAt(ctx, &client, address); ok && target.ID != last {
				last = target.ID
				say("debugger listening on %s", target.WebSocketDebuggerURL)
				say("open in Chrome DevTools: %s", target.DevtoolsFrontendURL)
			}
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

func inspectorTargetAt(ctx context.Context, client *http.Client, address string) (inspectorTarget, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+address+"/json/list", nil)
	if err != nil {
		return inspectorTarget{}, false
	}
	resp, err := client.Do(req)
	if err != nil {
		return inspectorTarget{}, false
	}
	defer resp.Body.Close()
	var targets []inspectorTarget
	if json.NewDecoder(resp.Body).Decode(&targets) != nil || len(targets) == 0 {
		return inspectorTarget{}, false
	}
	return targets[0], true
}

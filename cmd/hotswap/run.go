package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
	"github.com/hotswap/hotswap/hmr/example"
	"github.com/hotswap/hotswap/hmr/protocol"
	"github.com/hotswap/hotswap/hmr/watch"
)

func init() {
	commands["run"] = command{summary: "run a Node.js app under hot reloading", run: runCommand}
}

// relayedSignalWindow is how soon after the first signal a second one counts as the same
// Ctrl-C relayed by a parent process rather than the user's second Ctrl-C.
const relayedSignalWindow = 500 * time.Millisecond

// runConfig is what the run command's arguments ask for.
type runConfig struct {
	node            string
	nodeArgs        []string
	runtime         string
	watchDir        string
	ignore          string
	quiet           bool
	json            jsonFlag
	shutdownTimeout time.Duration
	handlerTimeout  time.Duration
	restartGlobs    []string
	noRestartable   bool
	inspect         string // the inspector's host:port, with --inspect or --inspect-brk
	entry           string
	appArgs         []string
}

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, " ") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// parseRunArgs reads `[flags] [entry] [flags] [-- app args]`.
func parseRunArgs(args []string, stderr io.Writer) (*runConfig, error) {
	cfg := &runConfig{}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: hotswap run [flags] [entry] [-- app args]")
		fmt.Fprintln(stderr, "\nWith no entry, runs the example app from a temporary folder.")
		fmt.Fprintln(stderr, "Type rs and Enter to restart the app by hand; other lines of stdin go to the app.\n\nflags:")
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.node, "node", "node", "the node binary to run (`path` or name in PATH)")
	fs.Var((*repeated)(&cfg.nodeArgs), "node-arg", "an extra `argument` for node, before the entry (repeatable)")
	fs.StringVar(&cfg.runtime, "runtime", "", "the runtime's register.js or its `directory` (default: $HOTSWAP_RUNTIME, node_modules/hotswap, or next to this binary)")
	fs.StringVar(&cfg.watchDir, "watch", "", "the `directory` to watch (default: the nearest folder above the entry with a package.json)")
	fs.StringVar(&cfg.ignore, "ignore", "", "a `regexp` of files the runtime leaves to node (never hot)")
	fs.BoolVar(&cfg.quiet, "quiet", false, "print only crashes and errors")
	fs.Var(&cfg.json, "json", "print events as JSON, one object per line: --json on stdout (the app's output then comes as output events), --json=`path` into a file, --json=3 on a file descriptor")
	fs.DurationVar(&cfg.shutdownTimeout, "shutdown-timeout", 5*time.Second, "how long dispose handlers and the app's own SIGTERM/SIGINT listeners may take before the app is killed")
	fs.DurationVar(&cfg.handlerTimeout, "handler-timeout", 5*time.Second, "how long a dispose, prune or accept handler may take before it is reported and the app restarts")
	fs.Var((*repeated)(&cfg.restartGlobs), "restart", "a `glob` of files (relative to the watched directory) whose change restarts the app, beside .env* and package.json hotHook.restart (repeatable)")
	fs.BoolVar(&cfg.noRestartable, "no-restartable", false, "turn rs off: every line of stdin goes to the app, rs included")
	addInspectFlags(fs, cfg)

	own, appArgs := args, []string(nil)
	for i, a := range args {
		if a == "--" {
			own, appArgs = args[:i], args[i+1:]
			break
		}
	}
	cfg.appArgs = appArgs
	if err := fs.Parse(own); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		cfg.entry = fs.Arg(0)
		// Flags may also follow the entry.
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return nil, err
		}
		if fs.NArg() > 0 {
			return nil, fmt.Errorf("unexpected argument %q: arguments for the app go after --", fs.Arg(0))
		}
	}
	return cfg, nil
}

func runCommand(args []string) int {
	cfg, err := parseRunArgs(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hotswap run:", err)
		return 2
	}
	return run(cfg, os.Stdin, os.Stdout, os.Stderr)
}

// run supervises the app until SIGINT or SIGTERM and returns the app's exit status. Unless
// cfg.noRestartable, stdin is read line by line: `rs` restarts the app, the rest reaches it.
func run(cfg *runConfig, stdin *os.File, stdout, stderr io.Writer) int {
	say := func(format string, args ...any) { fmt.Fprintf(stderr, "[hotswap] "+format+"\n", args...) }
	fail := func(err error) int {
		fmt.Fprintln(stderr, "hotswap run:", err)
		return 1
	}
	if cfg.entry == "" {
		dir, err := os.MkdirTemp("", "hotswap-example-")
		if err != nil {
			return fail(err)
		}
		defer os.RemoveAll(dir)
		if _, err := example.CopyTo(dir); err != nil {
			return fail(err)
		}
		cfg.entry = filepath.Join(dir, example.Entry)
		say("no entry given: running the example app in %s", dir)
		say("edit %s while it runs", filepath.Join(dir, example.EditHint))
	}
	prepared, err := driver.Prepare(context.Background(), driver.PrepareOptions{Entry: cfg.entry, Node: cfg.node, Runtime: cfg.runtime})
	if err != nil {
		return fail(err)
	}
	entry, runtimePath := prepared.Entry, prepared.Runtime
	root := cfg.watchDir
	if root == "" {
		root = projectRoot(entry)
	} else if real, err := filepath.EvalSymlinks(root); err == nil {
		// By its real path, as the entry and every module are named.
		root = real
	}
	restarts := newRestartFiles(root, cfg.restartGlobs)
	// .gitignore'd files are not watched, except those that restart the app (.env is often
	// ignored by git).
	watcher, err := watch.New(root, watch.Options{Keep: restarts.restarts})
	if err != nil {
		return fail(err)
	}
	defer watcher.Close()

	relay, err := newStdinRelay()
	if err != nil {
		return fail(err)
	}
	defer relay.close()
	var events *eventWriter
	var appStdout, appStderr io.Writer
	if cfg.json.enabled {
		out, path, err := cfg.json.open(stdout)
		if err != nil {
			return fail(err)
		}
		defer out.Close()
		events = &eventWriter{enc: json.NewEncoder(out)}
		if path != "" {
			restarts.skip[path] = true
		}
		if cfg.json.dest == "" {
			// Events own stdout: the app's lines come as output events instead.
			wrappedOut := &appOutput{events: events, stream: "stdout"}
			wrappedErr := &appOutput{events: events, stream: "stderr"}
			defer wrappedOut.flush()
			defer wrappedErr.flush()
			appStdout, appStderr = wrappedOut, wrappedErr
		}
	}
	d, err := driver.New(driver.Options{
		Node:            cfg.node,
		NodeArgs:        cfg.nodeArgs,
		Runtime:         runtimePath,
		RuntimeQuery:    runtimeQuery(cfg),
		Entry:           entry,
		Args:            cfg.appArgs,
		Stdin:           relay.appStdin,
		Stdout:          appStdout,
		Stderr:          appStderr,
		ShutdownTimeout: cfg.shutdownTimeout,
		// An update waits for its handlers; each may take up to the handler timeout.
		UpdateTimeout: max(60*time.Second, 4*cfg.handlerTimeout),
	})
	if err != nil {
		return fail(err)
	}
	printed := printEvents(d, cfg, events, &driver.Describer{Root: root, Entry: entry}, stderr)
	if cfg.inspect != "" {
		defer announceInspector(cfg.inspect, say)()
	}

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(signals)

	started := make(chan error, 1)
	go func() { started <- d.Start(context.Background()) }()
	pushing := make(chan struct{})
	go func() {
		defer close(pushing)
		if err := <-started; err != nil {
			say("%v", err)
			signals <- syscall.SIGTERM
			return
		}
		// Lines typed while the app starts wait in stdin, so `rs` cannot race Start.
		go relayStdin(relay, stdin, cfg, d, say)
		pushChanges(d, watcher, restarts, say)
	}()

	first := <-signals
	firstSignal := time.Now()
	// A second signal means the dispose handlers take too long for the user's patience. One
	// that follows at once is the same Ctrl-C relayed by a parent (npm run, timeout).
	go func() {
		for range signals {
			if time.Since(firstSignal) >= relayedSignalWindow {
				say("killing the app")
				d.Kill()
				return
			}
		}
	}()
	stopSignal := syscall.SIGTERM
	if first == syscall.SIGINT {
		stopSignal = syscall.SIGINT
	}
	code, err := d.StopWith(stopSignal)
	_ = watcher.Close()
	<-pushing
	printed.Wait()
	if err != nil && !errors.Is(err, driver.ErrStopped) {
		return fail(err)
	}
	return code
}

// pushChanges hands every change to the driver until the watcher closes; a change to a file
// that restarts the app (.env, restart globs) restarts it instead.
func pushChanges(d *driver.Driver, w *watch.Watcher, restarts *restartFiles, say func(string, ...any)) {
	for {
		select {
		case change, ok := <-w.Changes():
			if !ok {
				return
			}
			paths, restart := restarts.split(change.Paths)
			if restart != "" {
				rel, err := filepath.Rel(restarts.root, restart)
				if err != nil {
					rel = restart
				}
				err = d.RestartWithReason(context.Background(), driver.ReasonFileChanged, rel+" changed")
				if errors.Is(err, driver.ErrStopped) {
					return
				}
				continue
			}
			if len(paths) == 0 {
				continue
			}
			if _, err := d.Push(context.Background(), paths); errors.Is(err, driver.ErrStopped) {
				return
			}
		case err, ok := <-w.Errors():
			if !ok {
				return
			}
			say("watch: %v", err)
		}
	}
}

// relayStdin forwards stdin to the app, with `rs` restarting it unless --no-restartable.
// A terminal owned by another process group is left alone: reading it would stop hotswap
// (SIGTTIN) when it runs as a background job.
func relayStdin(relay *stdinRelay, stdin *os.File, cfg *runConfig, d *driver.Driver, say func(string, ...any)) {
	if isBackgroundTerminal(stdin) {
		relay.read(eofReader{}, nil)
		return
	}
	var restart func()
	if !cfg.noRestartable {
		restart = func() { restartByHand(d, say) }
	}
	relay.read(stdin, restart)
}

// restartByHand restarts the app for `rs`, starting it again if it had crashed.
func restartByHand(d *driver.Driver, say func(string, ...any)) {
	err := d.RestartWithReason(context.Background(), driver.ReasonManual, "asked by hand (rs)")
	if err != nil && !errors.Is(err, driver.ErrStopped) {
		say("rs: %v", err)
	}
}

// printEvents writes the driver's events as lines on stderr, or as JSON to events.
func printEvents(d *driver.Driver, cfg *runConfig, events *eventWriter, describer *driver.Describer, stderr io.Writer) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for e := range d.Events() {
			if events != nil {
				events.encode(e)
				continue
			}
			switch {
			case e.Kind == driver.KindLog:
				// The runtime is silent on stderr; its [hot] lines come through here so that
				// --quiet and --json apply to them too.
				if !cfg.quiet || e.Log.Level != protocol.LevelInfo {
					fmt.Fprintln(stderr, "[hot] "+e.Log.Message)
				}
				continue
			case e.Kind == driver.KindUpdate && !e.Update.NeedsRestart():
				continue // The runtime's [hot] line reports it, with its timing.
			case cfg.quiet && e.Kind != driver.KindCrash && e.Kind != driver.KindError:
				continue
			}
			if line := describer.Describe(e); line != "" {
				fmt.Fprintln(stderr, "[hotswap] "+line)
			}
		}
	}()
	return &wg
}

// runtimeQuery is the register URL's query: the runtime stays silent on stderr because its
// lines arrive as log events, which this command prints.
func runtimeQuery(cfg *runConfig) string {
	query := url.Values{}
	query.Set("silent", "")
	if cfg.ignore != "" {
		query.Set("ignore", cfg.ignore)
	}
	if cfg.handlerTimeout > 0 {
		query.Set("handlerTimeout", strconv.FormatInt(cfg.handlerTimeout.Milliseconds(), 10))
	}
	return query.Encode()
}

// projectRoot is the nearest directory above the entry holding a package.json, or the
// entry's own directory.
func projectRoot(entry string) string {
	for dir := filepath.Dir(entry); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
			return dir
		}
		if dir == filepath.Dir(dir) {
			return filepath.Dir(entry)
		}
	}
}

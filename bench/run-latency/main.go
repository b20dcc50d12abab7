// Command run-latency measures edit-to-effect latency: the time from saving a file of a
// running HTTP server until a request sees the change, through `hotswap run` (a hot swap),
// `node --watch` and nodemon (both restart the process), on the same generated app.
//
//	go run ./bench/run-latency [-modules 1000] [-edits 10]
//
// It needs the pinned Node (scripts/node.sh lts, or -node) and npm for nodemon; it prints a
// table and is never part of the test suite.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

func main() {
	modules := flag.Int("modules", 1000, "how many modules the generated app imports")
	edits := flag.Int("edits", 10, "how many edits to time per tool")
	node := flag.String("node", "", "the node binary (default: scripts/node.sh lts)")
	flag.Parse()
	if err := run(*modules, *edits, *node); err != nil {
		fmt.Fprintln(os.Stderr, "run-latency:", err)
		os.Exit(1)
	}
}

func run(modules, edits int, node string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if node == "" {
		out, err := exec.Command(filepath.Join(root, "scripts", "node.sh"), "lts").Output()
		if err != nil {
			return fmt.Errorf("scripts/node.sh lts: %w", err)
		}
		node = strings.TrimSpace(string(out))
	}
	work, err := os.MkdirTemp("", "run-latency-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	hotswap := filepath.Join(work, "hotswap")
	build := exec.Command("go", "build", "-o", hotswap, "./cmd/hotswap")
	build.Dir, build.Stderr = root, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/hotswap: %w", err)
	}
	nodemon, nodemonErr := installNodemon(filepath.Join(work, "tools"))

	tools := []tool{
		{name: "hotswap run (hot swap)", argv: []string{hotswap, "run", "--quiet", "--node", node, "--runtime", filepath.Join(root, "hmr", "runtime")}},
		{name: "hotswap run (forced restart)", argv: []string{hotswap, "run", "--quiet", "--node", node, "--runtime", filepath.Join(root, "hmr", "runtime")}, restart: true},
		{name: "node --watch (restart)", argv: []string{node, "--watch"}},
	}
	if nodemonErr == nil {
		tools = append(tools, tool{name: "nodemon (restart)", argv: []string{node, nodemon, "--quiet", "--delay", "0", "--ext", "js"}})
	}

	var results []result
	for _, t := range tools {
		appDir := filepath.Join(work, "app-"+strconv.Itoa(len(results)))
		entry, hot, err := writeApp(appDir, modules, !t.restart)
		if err != nil {
			return err
		}
		t.argv, t.dir = append(t.argv, entry), appDir
		port, err := freePort()
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "measuring %s ...\n", t.name)
		results = append(results, measure(t, hot, port, edits))
	}
	printTable(results, modules, edits)
	if nodemonErr != nil {
		fmt.Printf("\nnodemon: not measured (%v)\n", nodemonErr)
	}
	return nil
}

func printTable(results []result, modules, edits int) {
	fmt.Printf("edit-to-effect latency, %d-module HTTP app, %d edits each (median / p90; lower is better)\n\n", modules, edits)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "tool\tstart-up\tmedian\tp90\tvs hotswap\tfailed\t")
	var base time.Duration
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(w, "%s\terror: %v\t\t\t\t\t\n", r.name, r.err)
			continue
		}
		median, p90 := r.stats()
		if base == 0 {
			base = median
		}
		ratio := "-"
		if base > 0 && median > 0 {
			ratio = fmt.Sprintf("%.1fx", float64(median)/float64(base))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t\n", r.name, round(r.startup), round(median), round(p90), ratio, r.failures)
	}
	_ = w.Flush()
}

func round(d time.Duration) string {
	if d < 10*time.Millisecond {
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// installNodemon installs nodemon with npm into dir and returns its script.
func installNodemon(dir string) (string, error) {
	cmd := exec.Command("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", dir, "nodemon@3")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install nodemon: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return filepath.Join(dir, "node_modules", "nodemon", "bin", "nodemon.js"), nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

// repoRoot walks up from the working directory to the checkout holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		if dir == filepath.Dir(dir) {
			return "", fmt.Errorf("run from inside the hotswap checkout")
		}
		dir = filepath.Dir(dir)
	}
}

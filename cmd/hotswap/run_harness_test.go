package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
)

// cliEnv makes the test binary behave as the hotswap command, so the end-to-end tests run
// the real CLI as a subprocess without building it first.
const cliEnv = "HOTSWAP_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) == "1" {
		os.Exit(dispatch(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// repoDir is the checkout's root, two levels above this package.
func repoDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// pinnedNode is $HOTSWAP_NODE or scripts/node.sh lts.
func pinnedNode(t *testing.T) string {
	t.Helper()
	if node := os.Getenv("HOTSWAP_NODE"); node != "" {
		return node
	}
	out, err := exec.Command(filepath.Join(repoDir(t), "scripts", "node.sh"), "lts").Output()
	if err != nil {
		t.Fatalf("no pinned node: set HOTSWAP_NODE or fix scripts/node.sh lts: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// fixtureApp copies testdata/driver/apps/<name> into a fresh directory.
func fixtureApp(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoDir(t), "testdata", "driver", "apps", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// session is one `hotswap run` subprocess: its JSON events, the app's stdout lines and
// everything on stderr.
type session struct {
	t      *testing.T
	cmd    *exec.Cmd
	stderr *lockedBuffer
	done   chan struct{}

	mu     sync.Mutex
	events []driver.Event
	lines  []string
	// interleaved are stdout lines that are no JSON event (none with --json).
	interleaved []string
	added       chan struct{}
}

// lockedBuffer is a bytes.Buffer safe to write from the exec goroutine and read in the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startCLI runs `hotswap run <args>` with the pinned node and the repository's runtime;
// its stdin is /dev/null.
func startCLI(t *testing.T, dir string, env []string, args ...string) *session {
	t.Helper()
	return startCLIWithStdin(t, dir, env, nil, args...)
}

// startCLIPiped is startCLI with a pipe for stdin, written through the returned file.
func startCLIPiped(t *testing.T, dir string, env []string, args ...string) (*session, *os.File) {
	t.Helper()
	reader, writer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	s := startCLIWithStdin(t, dir, env, reader, args...)
	_ = reader.Close()
	t.Cleanup(func() { _ = writer.Close() })
	return s, writer
}

// startCLIWithStdin is startCLI reading stdin (nil for /dev/null).
func startCLIWithStdin(t *testing.T, dir string, env []string, stdin *os.File, args ...string) *session {
	t.Helper()
	full := append([]string{"run", "--node", pinnedNode(t), "--runtime", filepath.Join(repoDir(t), "hmr", "runtime")}, args...)
	cmd := exec.Command(os.Args[0], full...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), cliEnv+"=1"), env...)
	s := &session{t: t, cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{}), added: make(chan struct{}, 1)}
	cmd.Stderr = s.stderr
	if stdin != nil {
		cmd.Stdin = stdin
	}
	// A pipe of our own rather than StdoutPipe, whose reader Wait closes while read may
	// still be using it.
	stdout, writer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = writer
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_ = writer.Close()
	go s.read(stdout)
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
			s.wait(10 * time.Second)
		}
		if t.Failed() {
			t.Logf("hotswap stderr:\n%s", s.stderr.String())
		}
	})
	return s
}

// read sorts stdout into JSON events and the app's own lines.
func (s *session) read(stdout io.ReadCloser) {
	defer close(s.done)
	defer stdout.Close()
	scanner := bufio.NewScanner(stdout)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		line := scanner.Text()
		var e driver.Event
		var out outputEvent
		s.mu.Lock()
		switch {
		case strings.HasPrefix(line, `{"event":"output"`) && json.Unmarshal([]byte(line), &out) == nil:
			// With --json on stdout the app's own lines arrive as output events.
			if out.Stream == "stderr" {
				_, _ = s.stderr.Write([]byte(out.Text + "\n"))
			}
			s.lines = append(s.lines, out.Text)
		case strings.HasPrefix(line, `{"event":`) && json.Unmarshal([]byte(line), &e) == nil:
			s.events = append(s.events, e)
		default:
			s.interleaved = append(s.interleaved, line)
			s.lines = append(s.lines, line)
		}
		s.mu.Unlock()
		select {
		case s.added <- struct{}{}:
		default:
		}
	}
}

// waitEvent returns the first event at or after index from that is of kind and matches.
func (s *session) waitEvent(from int, kind driver.Kind, match func(driver.Event) bool) (driver.Event, int) {
	s.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		for i := from; i < len(s.events); i++ {
			if e := s.events[i]; e.Kind == kind && (match == nil || match(e)) {
				s.mu.Unlock()
				return e, i + 1
			}
		}
		s.mu.Unlock()
		select {
		case <-s.added:
		case <-s.done:
			s.t.Fatalf("hotswap ended before a %s event", kind)
		case <-deadline:
			s.t.Fatalf("no %s event within 20s; events: %s", kind, s.describe())
		}
	}
}

// eventCount is the number of events so far, the index to wait from for the next one.
// snapshot returns the events so far.
func (s *session) snapshot() []driver.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]driver.Event(nil), s.events...)
}

func (s *session) eventCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

func (s *session) countKind(kind driver.Kind) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.events {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func (s *session) describe() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for _, e := range s.events {
		part := string(e.Kind)
		if e.Update != nil {
			part += "(" + e.Update.Type + ")"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}

// waitLine waits for an app stdout line containing text, from line index from on.
func (s *session) waitLine(from int, text string) (string, int) {
	s.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		for i := from; i < len(s.lines); i++ {
			if line := s.lines[i]; strings.Contains(line, text) {
				s.mu.Unlock()
				return line, i + 1
			}
		}
		s.mu.Unlock()
		select {
		case <-s.added:
		case <-s.done:
			s.t.Fatalf("hotswap ended before printing %q", text)
		case <-deadline:
			s.t.Fatalf("no line with %q within 20s", text)
		}
	}
}

// port reads the app's port from its "listening on" line.
func (s *session) port(from int) (string, int) {
	s.t.Helper()
	line, next := s.waitLine(from, "listening on http://127.0.0.1:")
	rest := strings.TrimPrefix(line[strings.Index(line, "127.0.0.1:"):], "127.0.0.1:")
	port, _, _ := strings.Cut(rest, " ")
	return port, next
}

// stop sends SIGTERM and returns hotswap's exit code.
func (s *session) stop() int {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Fatal(err)
	}
	return s.wait(15 * time.Second)
}

func (s *session) wait(timeout time.Duration) int {
	s.t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	select {
	case <-exited:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		_ = s.cmd.Process.Kill()
		<-exited
		s.t.Fatalf("hotswap did not exit within %v", timeout)
	}
	return -1
}

// get fetches the app's reply on port.
func get(t *testing.T, port string) string {
	t.Helper()
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://127.0.0.1:" + port + "/")
	if err != nil {
		t.Fatalf("GET :%s: %v", port, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(body))
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func edit(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// appSource is app.js replying with reply.
func appSource(reply string) string {
	return "export function handle(request, response) {\n  response.end(" + strconv.Quote(reply+"\n") + ");\n}\n\nimport.meta.hot?.accept();\n"
}

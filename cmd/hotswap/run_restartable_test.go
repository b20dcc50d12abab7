package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hotswap/hotswap/hmr/driver"
)

// The stdin-echo fixture prints "started pid N", echoes each stdin line as "stdin N: line",
// prints "stdin N ended" at EOF and exits 1 on the line "crash".

func typeLine(t *testing.T, stdin io.Writer, line string) {
	t.Helper()
	if _, err := io.WriteString(stdin, line); err != nil {
		t.Fatalf("write %q to hotswap's stdin: %v", line, err)
	}
}

func TestRunRsRestartsTheAppAndOtherLinesReachIt(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	s, stdin := startCLIPiped(t, app, nil, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	oldPID := ready.Ready.PID
	typeLine(t, stdin, "hello there\n")
	s.waitLine(0, fmt.Sprintf("stdin %d: hello there", oldPID))

	// Spaces and a CR around rs still make it the restart command.
	typeLine(t, stdin, "  rs \r\n")
	restart, _ := s.waitEvent(0, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonManual || !restart.Restart.Ready || restart.PID == oldPID || restart.PID == 0 {
		t.Fatalf("restart = %+v (pid %d, was %d)", restart.Restart, restart.PID, oldPID)
	}
	s.waitLine(0, fmt.Sprintf("started pid %d", restart.PID))
	typeLine(t, stdin, "again\n")
	s.waitLine(0, fmt.Sprintf("stdin %d: again", restart.PID))
	if line := s.lineContaining(": rs"); line != "" || s.lineContaining(":   rs") != "" {
		t.Fatalf("rs reached the app: %q", line)
	}

	// EOF on hotswap's stdin is EOF on the app's; the app goes on running.
	_ = stdin.Close()
	s.waitLine(0, fmt.Sprintf("stdin %d ended", restart.PID))
	time.Sleep(200 * time.Millisecond)
	if n := s.countKind(driver.KindCrash); n != 0 || s.countKind(driver.KindStart) != 2 {
		t.Fatalf("after EOF: %s", s.describe())
	}
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code %d, want the app's 0", code)
	}
}

func TestRunRsPrintsARestartLineThatSaysItWasAskedByHand(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	s, stdin := startCLIPiped(t, app, nil, "main.js")
	first, next := s.waitLine(0, "started pid ")
	waitStderr(t, s, "[hotswap] ready in ")
	typeLine(t, stdin, "rs\n")
	line := waitStderr(t, s, "[hotswap] restarted in ")
	if !strings.Contains(line, "ms: asked by hand (rs)") {
		t.Fatalf("restart line = %q", line)
	}
	second, _ := s.waitLine(next, "started pid ")
	if second == first {
		t.Fatalf("rs did not start a new process: %q twice", first)
	}
}

func TestRunRsStartsACrashedAppAgain(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	s, stdin := startCLIPiped(t, app, nil, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	typeLine(t, stdin, "crash\n")
	crash, after := s.waitEvent(0, driver.KindCrash, nil)
	if crash.PID != ready.Ready.PID || crash.Exit.Code != 1 {
		t.Fatalf("crash = %+v (pid %d)", crash.Exit, crash.PID)
	}
	typeLine(t, stdin, "rs\n")
	restart, _ := s.waitEvent(after, driver.KindRestart, nil)
	if restart.Restart.Reason != driver.ReasonManual || !restart.Restart.Ready || restart.PID == crash.PID {
		t.Fatalf("restart = %+v (pid %d)", restart.Restart, restart.PID)
	}
	s.waitLine(0, fmt.Sprintf("started pid %d", restart.PID))
}

func TestRunNoRestartablePassesRsToTheApp(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	s, stdin := startCLIPiped(t, app, nil, "--json", "--no-restartable", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	typeLine(t, stdin, "rs\n")
	s.waitLine(0, fmt.Sprintf("stdin %d: rs", ready.Ready.PID))
	time.Sleep(200 * time.Millisecond)
	if s.countKind(driver.KindRestart) != 0 || s.countKind(driver.KindStart) != 1 {
		t.Fatalf("rs restarted the app under --no-restartable: %s", s.describe())
	}
}

func TestRunWithStdinAtDevNullGivesTheAppEOFAndKeepsIt(t *testing.T) {
	app := fixtureApp(t, "stdin-echo")
	s := startCLI(t, app, nil, "--json", "main.js")
	ready, _ := s.waitEvent(0, driver.KindReady, nil)
	s.waitLine(0, fmt.Sprintf("stdin %d ended", ready.Ready.PID))
	time.Sleep(200 * time.Millisecond)
	if s.countKind(driver.KindCrash) != 0 || s.countKind(driver.KindStart) != 1 {
		t.Fatalf("with stdin at /dev/null: %s", s.describe())
	}
}

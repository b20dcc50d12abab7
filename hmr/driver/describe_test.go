package driver

import (
	"testing"

	"github.com/hotswap/hotswap/hmr/protocol"
)

func TestDescribeLines(t *testing.T) {
	s := &Describer{Root: "/app", Entry: "/app/src/main.ts"}
	cases := []struct {
		event Event
		want  string
	}{
		{Event{Kind: KindReady, Ready: &protocol.ReadyParams{PID: 7, Node: "v26.10.0", Entry: "/app/src/main.ts", Modules: 1, DurationMs: 41.6}},
			"ready in 42ms: src/main.ts (1 module, node v26.10.0, pid 7)"},
		{Event{Kind: KindReady, Ready: &protocol.ReadyParams{PID: 8}}, ""},
		{Event{Kind: KindRestart, Restart: &Restart{Reason: protocol.ReasonUnaccepted, Chain: []string{"/app/src/db.ts", "/app/src/main.ts"}, DurationMs: 212, Ready: true}},
			"restarted in 212ms: src/db.ts -> src/main.ts (entry)"},
		{Event{Kind: KindRestart, Restart: &Restart{Reason: protocol.ReasonDeclined, Chain: []string{"/app/src/a.ts", "/app/src/b.ts"}, DurationMs: 99, Ready: true}},
			"restarted in 99ms: src/a.ts -> src/b.ts declined the update"},
		{Event{Kind: KindRestart, Restart: &Restart{Reason: protocol.ReasonDisposeError, Error: &protocol.ErrorLocation{File: "/app/src/a.ts", Line: 3, Column: 40, Message: "boom"}, DurationMs: 120, Ready: true}},
			"restarted in 120ms: a dispose handler threw at src/a.ts:3:40: boom"},
		{Event{Kind: KindRestart, Restart: &Restart{Reason: protocol.ReasonInvalidated, Message: "src/a.ts invalidated itself", DurationMs: 50, Ready: false}},
			"restarted (not ready after 50ms): src/a.ts invalidated itself"},
		{Event{Kind: KindRestart, Restart: &Restart{Reason: ReasonCrashed, Paths: []string{"/app/src/a.ts"}, DurationMs: 3.25, Ready: true}},
			"restarted in 3.2ms after the crash: src/a.ts changed"},
		{Event{Kind: KindUpdate, Update: &protocol.UpdateResult{Type: protocol.ResultSyntaxError, Error: &protocol.ErrorLocation{File: "/app/src/a.ts", Line: 3, Column: 7, Message: "Unexpected token"}}},
			"syntax error at src/a.ts:3:7: Unexpected token; the old code keeps running"},
		{Event{Kind: KindUpdate, Update: &protocol.UpdateResult{Type: protocol.ResultUnaccepted}}, ""},
		{Event{Kind: KindCrash, Exit: &Exit{Code: 1, BeforeReady: true}}, "app failed to start (exit code 1); waiting for a change to restart"},
		{Event{Kind: KindExit, Exit: &Exit{Code: 137, Signal: "SIGKILL"}}, "app stopped (killed by SIGKILL)"},
	}
	for _, tc := range cases {
		if got := s.Describe(tc.event); got != tc.want {
			t.Errorf("%s: got %q\n want %q", tc.event.Kind, got, tc.want)
		}
	}
}

func TestDescribeNoReadyLineAfterACrash(t *testing.T) {
	s := &Describer{}
	s.Describe(Event{Kind: KindCrash, Exit: &Exit{Code: 1, BeforeReady: true}})
	if line := s.Describe(Event{Kind: KindReady, Ready: &protocol.ReadyParams{PID: 3}}); line != "" {
		t.Fatalf("ready after a crash printed %q; the restart line covers it", line)
	}
}

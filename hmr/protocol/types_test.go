package protocol

import (
	"encoding/json"
	"testing"
)

// Each variant of every message keeps its exact shape through a decode and encode, also
// without the runtime's fixtures (TestFixturesRoundTrip covers those).
func TestTypesRoundTripEveryVariant(t *testing.T) {
	cases := []struct {
		raw    string
		target any
	}{
		{`{"type":"success","paths":["/a.ts"],"durationMs":4.5,"ignored":[],"loaded":[],"reevaluated":["/a.ts"]}`, &UpdateResult{}},
		{`{"type":"declined","paths":["/a.ts"],"durationMs":1,"ignored":["/x.ts"],"declined":"/b.ts","chain":["/a.ts","/b.ts"]}`, &UpdateResult{}},
		{`{"type":"unaccepted","paths":["/a.ts"],"durationMs":1,"ignored":[],"chain":["/a.ts","/main.ts"]}`, &UpdateResult{}},
		{`{"type":"syntaxError","paths":["/a.ts"],"durationMs":1,"ignored":[],"error":{"message":"Unexpected token","file":"/a.ts","line":3,"column":7}}`, &UpdateResult{}},
		{`{"type":"linkError","paths":["/a.ts"],"durationMs":1,"ignored":[],"error":{"message":"no export x","file":"/a.ts","line":1,"column":10}}`, &UpdateResult{}},
		{`{"type":"evaluationError","paths":["/a.ts"],"durationMs":1,"ignored":[],"phase":"dispose","error":{"message":"boom","file":"/a.ts","line":2,"column":1,"stack":"Error: boom"}}`, &UpdateResult{}},
		{`{"entry":"/m.ts","modules":[{"path":"/m.ts","version":1,"format":"module","selfAccept":false,"declined":false,"accepts":[],"hasDispose":false,"hasPrune":false,"imports":[{"specifier":"node:http","path":null,"dynamic":false,"boundary":false,"external":true},{"specifier":"./a.js","path":"/a.ts","dynamic":true,"boundary":true}],"importers":[]}]}`, &Graph{}},
		{`{"pid":12,"node":"v26.10.0","entry":"/m.ts","modules":3,"durationMs":40}`, &ReadyParams{}},
		{`{"reason":"unaccepted","message":"no accept","chain":["/a.ts","/m.ts"]}`, &RestartParams{}},
		{`{"level":"warn","message":"[hot] x"}`, &LogParams{}},
		{`{"timeoutMs":500}`, &ShutdownParams{}},
	}
	for _, tc := range cases {
		roundTripValue(t, tc.raw, json.RawMessage(tc.raw), tc.target)
	}
}

func TestNeedsRestart(t *testing.T) {
	for _, tc := range []struct {
		result UpdateResult
		want   bool
	}{
		{UpdateResult{Type: ResultSuccess}, false},
		{UpdateResult{Type: ResultUnaccepted}, true},
		{UpdateResult{Type: ResultDeclined}, true},
		{UpdateResult{Type: ResultSyntaxError}, false},
		{UpdateResult{Type: ResultEvaluationError, Phase: PhaseEvaluate}, false},
		{UpdateResult{Type: ResultEvaluationError, Phase: PhaseDispose}, true},
	} {
		if got := tc.result.NeedsRestart(); got != tc.want {
			t.Errorf("%s/%s: NeedsRestart = %v, want %v", tc.result.Type, tc.result.Phase, got, tc.want)
		}
	}
}

package protocol

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fixtureDir holds the runtime's JSON fixtures of every message shape (hmr/PROTOCOL.md).
const fixtureDir = "../../testdata/protocol"

// TestFixturesRoundTrip decodes every fixture into the Go types, strictly (an unknown field
// fails), encodes it again and checks that nothing was lost or added.
func TestFixturesRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures in %s: the runtime's message shapes are not pinned", fixtureDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for i, raw := range fixtureMessages(t, data) {
				roundTripMessage(t, file, i, raw)
			}
		})
	}
}

// fixtureMessages returns the messages of a fixture file: one message, an array of them, or
// NDJSON lines.
func fixtureMessages(t *testing.T, data []byte) []json.RawMessage {
	t.Helper()
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(trimmed, &list); err != nil {
			t.Fatalf("fixture is not a JSON array: %v", err)
		}
		return list
	}
	if json.Valid(trimmed) {
		return []json.RawMessage{trimmed}
	}
	var list []json.RawMessage
	for _, line := range bytes.Split(trimmed, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			list = append(list, json.RawMessage(line))
		}
	}
	return list
}

// roundTripMessage checks one message: the envelope, then its params or result in their type.
func roundTripMessage(t *testing.T, file string, index int, raw json.RawMessage) {
	t.Helper()
	m, bad := Decode(raw)
	if bad != nil {
		t.Fatalf("message %d: %v", index, bad)
	}
	line, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "envelope", raw, line)

	switch {
	case m.Method != "":
		target := paramsFor(m.Method)
		if target == nil {
			t.Fatalf("message %d: method %q is not in hmr/PROTOCOL.md", index, m.Method)
		}
		roundTripValue(t, m.Method+" params", m.Params, target)
	case m.Error != nil:
		if m.Error.Code == 0 || m.Error.Message == "" {
			t.Errorf("message %d: error without code or message", index)
		}
	default:
		roundTripValue(t, "result", m.Result, resultFor(file, m.Result))
	}
}

// paramsFor returns a pointer to the params type of a method, or nil for an unknown method.
func paramsFor(method string) any {
	switch method {
	case MethodUpdate:
		return &UpdateParams{}
	case MethodGraph:
		return &GraphParams{}
	case MethodShutdown:
		return &ShutdownParams{}
	case MethodReady:
		return &ReadyParams{}
	case MethodUpdated:
		return &UpdateResult{}
	case MethodRestart:
		return &RestartParams{}
	case MethodLog:
		return &LogParams{}
	}
	return nil
}

// resultFor picks the result type of a response from its shape.
func resultFor(file string, result json.RawMessage) any {
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(result, &fields)
	switch {
	case fields["type"] != nil:
		return &UpdateResult{}
	case fields["modules"] != nil || strings.Contains(filepath.Base(file), "graph"):
		return &Graph{}
	}
	return &ShutdownResult{}
}

// roundTripValue decodes raw strictly into target, encodes it and compares.
func roundTripValue(t *testing.T, what string, raw json.RawMessage, target any) {
	t.Helper()
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(target); err != nil {
		t.Fatalf("%s: decode into %T: %v\n%s", what, target, err, raw)
	}
	again, err := json.Marshal(target)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, what, raw, again)
}

// sameJSON fails unless a and b hold the same JSON value.
func sameJSON(t *testing.T, what string, a, b []byte) {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(va, vb) {
		t.Errorf("%s changed in a round trip:\n was %s\n now %s", what, bytes.TrimSpace(a), bytes.TrimSpace(b))
	}
}

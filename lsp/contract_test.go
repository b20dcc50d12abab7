package lsp

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hotswap/hotswap/hmr/driver"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
	"github.com/hotswap/hotswap/hmr/session"
)

// contractDir holds the JSON fixtures of the LSP-extension contract: event-<kind>[-variant].json
// for hotswap/event, result-<command>[-variant].json for workspace/executeCommand's answers.
// The extension's unit tests check the same files against lsp/events.d.ts.
var contractDir = filepath.Join("..", "testdata", "lsp", "events")

// resultTypes is the Go type each command answers with.
var resultTypes = map[string]func() any{
	cmdStart:     func() any { return new(session.AppStatus) },
	cmdRestart:   func() any { return new(session.AppStatus) },
	cmdStop:      func() any { return new(session.AppStatus) },
	cmdPush:      func() any { return new(*hmrprotocol.UpdateResult) },
	cmdShowGraph: func() any { return new(session.GraphView) },
	cmdExplain:   func() any { return new(session.Explanation) },
}

// Every fixture decodes strictly (no field the Go type lacks) into the type the server sends,
// and encoding it again as the server does gives the fixture back (no field the fixture
// lacks). Every event kind the driver emits, output, status and every command has a fixture.
func TestContractFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(contractDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", contractDir, err)
	}
	kinds := map[string]bool{}
	commands := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var target any
		switch {
		case strings.HasPrefix(name, "event-"):
			target = new(session.Event)
		case strings.HasPrefix(name, "result-"):
			command, _, _ := strings.Cut(strings.TrimPrefix(name, "result-"), "-")
			make, ok := resultTypes[command]
			if !ok {
				t.Errorf("%s: no command %q", file, command)
				continue
			}
			commands[command] = true
			target = make()
		default:
			t.Errorf("%s: neither event- nor result-", file)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(target); err != nil {
			t.Errorf("%s does not decode strictly into %T: %v", file, target, err)
			continue
		}
		if e, ok := target.(*session.Event); ok {
			kinds[e.Kind] = true
			if want, _, _ := strings.Cut(strings.TrimPrefix(name, "event-"), "-"); e.Kind != want {
				t.Errorf("%s holds kind %q", file, e.Kind)
			}
		}
		sent, err := wireCodec{}.Marshal(reflect.ValueOf(target).Elem().Interface())
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		_ = json.Unmarshal(data, &want)
		_ = json.Unmarshal(sent, &got)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: the server would send\n%s\nwhere the fixture says\n%s", file, sent, bytes.TrimSpace(data))
		}
	}
	need := []string{"output", "status"}
	for _, k := range []driver.Kind{driver.KindStart, driver.KindReady, driver.KindUpdate, driver.KindRestart, driver.KindCrash,
		driver.KindExit, driver.KindLog, driver.KindGraph, driver.KindError} {
		need = append(need, string(k))
	}
	for _, k := range need {
		if !kinds[k] {
			t.Errorf("no fixture for the event kind %q", k)
		}
	}
	var missing []string
	for _, c := range commandNames {
		if !commands[c] {
			missing = append(missing, c)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("no result fixture for %v", missing)
	}
}

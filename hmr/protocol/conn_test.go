package protocol

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"
)

// peer is the far end of a connection under test, read and written line by line.
type peer struct {
	t      *testing.T
	conn   net.Conn
	reader *bufio.Reader
}

func newPair(t *testing.T, handler Handler) (*Conn, *peer) {
	t.Helper()
	a, b := net.Pipe()
	c := NewConn(a, handler)
	t.Cleanup(func() { _ = b.Close(); _ = c.Close() })
	return c, &peer{t: t, conn: b, reader: bufio.NewReader(b)}
}

func (p *peer) writeLine(line string) {
	p.t.Helper()
	_ = p.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := p.conn.Write([]byte(line + "\n")); err != nil {
		p.t.Fatalf("write %q: %v", line, err)
	}
}

func (p *peer) readMessage() map[string]any {
	p.t.Helper()
	_ = p.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := p.reader.ReadString('\n')
	if err != nil {
		p.t.Fatalf("read: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		p.t.Fatalf("peer got a line that is not JSON: %q", line)
	}
	return m
}

func TestMalformedLinesGetErrorsAndTheConnectionSurvives(t *testing.T) {
	handler := func(method string, params json.RawMessage) (any, error) {
		if method != "echo" {
			return nil, Errorf(CodeMethodNotFound, "method not found: %s", method)
		}
		var p struct{ Text string }
		if err := DecodeParams(params, &p); err != nil {
			return nil, err
		}
		return p, nil
	}
	_, far := newPair(t, handler)
	cases := []struct {
		line string
		code float64
		id   any
	}{
		{`{"jsonrpc":"2.0","id":1,"method":`, CodeParseError, nil},
		{`not json at all`, CodeParseError, nil},
		{`[1,2]`, CodeInvalidRequest, nil},
		{`{"jsonrpc":"1.0","id":2,"method":"echo"}`, CodeInvalidRequest, float64(2)},
		{`{"jsonrpc":"2.0","id":3}`, CodeInvalidRequest, nil},
		{`{"jsonrpc":"2.0","id":4,"method":"nope"}`, CodeMethodNotFound, float64(4)},
		{`{"jsonrpc":"2.0","id":5,"method":"echo","params":{"text":7}}`, CodeInvalidParams, float64(5)},
		{`{"jsonrpc":"2.0","id":{"x":1},"method":"echo"}`, CodeInvalidRequest, nil},
		{`{"jsonrpc":"2.0","method":7}`, CodeInvalidRequest, nil},
	}
	for _, tc := range cases {
		far.writeLine(tc.line)
		got := far.readMessage()
		errObj, ok := got["error"].(map[string]any)
		if !ok {
			t.Fatalf("%s: got %v, want an error response", tc.line, got)
		}
		if errObj["code"] != tc.code {
			t.Errorf("%s: code %v, want %v (%v)", tc.line, errObj["code"], tc.code, errObj["message"])
		}
		if id, present := got["id"]; !present || id != tc.id {
			t.Errorf("%s: id %v (present %v), want %v", tc.line, id, present, tc.id)
		}
	}
	// After all that the connection still answers a good request.
	far.writeLine(`{"jsonrpc":"2.0","id":"last","method":"echo","params":{"text":"still here"}}`)
	got := far.readMessage()
	if got["id"] != "last" || got["result"].(map[string]any)["Text"] != "still here" {
		t.Fatalf("after malformed lines: got %v", got)
	}
}

func TestCallGetsTheMatchingResponse(t *testing.T) {
	c, far := newPair(t, nil)
	type answer struct {
		result UpdateResult
		err    error
	}
	done := make(chan answer, 1)
	go func() {
		var r UpdateResult
		err := c.Call(context.Background(), MethodUpdate, UpdateParams{Paths: []string{"/a.js"}}, &r)
		done <- answer{r, err}
	}()
	req := far.readMessage()
	if req["method"] != "update" || req["jsonrpc"] != "2.0" {
		t.Fatalf("request = %v", req)
	}
	id, _ := json.Marshal(req["id"])
	// A response nobody asked for and a blank line are ignored, the real one settles the call.
	far.writeLine(`{"jsonrpc":"2.0","id":999,"result":{}}`)
	far.writeLine(``)
	far.writeLine(`{"jsonrpc":"2.0","id":` + string(id) + `,"result":{"type":"success","paths":["/a.js"],"durationMs":3,"ignored":[],"loaded":[],"reevaluated":["/a.js"]}}`)
	select {
	case a := <-done:
		if a.err != nil || a.result.Type != ResultSuccess || a.result.Reevaluated[0] != "/a.js" {
			t.Fatalf("call = %+v, %v", a.result, a.err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("call did not return")
	}
}

func TestCallReturnsErrorResponsesAndClosedConnections(t *testing.T) {
	c, far := newPair(t, nil)
	errs := make(chan error, 2)
	go func() { errs <- c.Call(context.Background(), MethodGraph, GraphParams{}, nil) }()
	req := far.readMessage()
	id, _ := json.Marshal(req["id"])
	far.writeLine(`{"jsonrpc":"2.0","id":` + string(id) + `,"error":{"code":-32601,"message":"no graph"}}`)
	err := <-errs
	rpcErr, ok := err.(*Error)
	if !ok || rpcErr.Code != CodeMethodNotFound {
		t.Fatalf("error = %v, want a -32601 *Error", err)
	}

	go func() { errs <- c.Call(context.Background(), MethodGraph, GraphParams{}, nil) }()
	far.readMessage()
	_ = far.conn.Close()
	select {
	case err := <-errs:
		if err != ErrClosed {
			t.Fatalf("error = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("call on a closed connection did not return")
	}
}

func TestNotificationsReachTheHandlerInOrder(t *testing.T) {
	got := make(chan string, 3)
	handler := func(method string, params json.RawMessage) (any, error) {
		var p LogParams
		if err := DecodeParams(params, &p); err != nil {
			return nil, err
		}
		got <- method + ":" + p.Message
		return nil, nil
	}
	_, far := newPair(t, handler)
	for _, text := range []string{"one", "two", "three"} {
		far.writeLine(`{"jsonrpc":"2.0","method":"log","params":{"level":"info","message":"` + text + `"}}`)
	}
	var order []string
	for range 3 {
		select {
		case s := <-got:
			order = append(order, s)
		case <-time.After(5 * time.Second):
			t.Fatal("notification not handled")
		}
	}
	if strings.Join(order, ",") != "log:one,log:two,log:three" {
		t.Fatalf("order = %v", order)
	}
}

func TestErrorReporterHearsRejectedMessages(t *testing.T) {
	reported := make(chan error, 4)
	handler := func(method string, params json.RawMessage) (any, error) {
		var p LogParams
		return nil, DecodeParams(params, &p)
	}
	a, b := net.Pipe()
	c := NewConn(a, handler, WithErrorReporter(func(err error) { reported <- err }))
	t.Cleanup(func() { _ = b.Close(); _ = c.Close() })
	far := &peer{t: t, conn: b, reader: bufio.NewReader(b)}

	far.writeLine(`{"jsonrpc":"2.0","method":"log","params":{"level":1}}`)
	far.writeLine(`{oops`)
	far.readMessage() // The parse error's response.
	for _, want := range []string{"notification log: json-rpc error -32602", "json-rpc error -32700"} {
		select {
		case err := <-reported:
			if !strings.Contains(err.Error(), want) {
				t.Errorf("reported %v, want %q", err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q was not reported", want)
		}
	}
}

package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"testing"
	"time"
)

// Malformed bodies get JSON-RPC errors with id null and the connection stays usable.
func TestMalformedMessages(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	clientEnd, done := servePipe(ctx, t)
	t.Cleanup(func() {
		cancel()
		_ = clientEnd.Close()
		<-done
	})
	_ = clientEnd.SetDeadline(time.Now().Add(20 * time.Second))
	in := textproto.NewReader(bufio.NewReader(clientEnd))
	send := func(body string) {
		if _, err := fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
			t.Fatal(err)
		}
	}
	receive := func() map[string]any {
		header, err := in.ReadMIMEHeader()
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(header.Get("Content-Length"))
		body := make([]byte, n)
		if _, err := io.ReadFull(in.R, body); err != nil {
			t.Fatal(err)
		}
		var msg map[string]any
		if err := json.Unmarshal(body, &msg); err != nil {
			t.Fatalf("server sent invalid JSON %q: %v", body, err)
		}
		return msg
	}
	// receiveResponse skips the server's notifications (log messages).
	receiveResponse := func() map[string]any {
		for {
			if msg := receive(); msg["method"] == nil {
				return msg
			}
		}
	}
	errorCode := func(msg map[string]any) float64 {
		e, _ := msg["error"].(map[string]any)
		code, _ := e["code"].(float64)
		return code
	}
	cases := []struct {
		body string
		code float64
		id   any
	}{
		{`{"jsonrpc":"2.0","id":1,"method":`, -32700, nil},
		{`[1,2,3]`, -32600, nil},
		{`{"jsonrpc":"2.0"}`, -32600, nil},
		{`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover"}`, -32002, 2.0},
		{`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"processId":"not a number"}}`, -32602, 3.0},
	}
	for _, tc := range cases {
		send(tc.body)
		msg := receiveResponse()
		if errorCode(msg) != tc.code || msg["id"] != tc.id {
			t.Errorf("%s: answered %v, want code %v and id %v", tc.body, msg, tc.code, tc.id)
		}
	}
	send(`{"jsonrpc":"2.0","id":4,"method":"initialize","params":{"capabilities":{}}}`)
	if msg := receiveResponse(); msg["result"] == nil {
		t.Fatalf("initialize after malformed messages: %v", msg)
	}
	send(`{"jsonrpc":"2.0","id":5,"method":"no/such/method","params":{}}`)
	if msg := receiveResponse(); errorCode(msg) != -32601 || msg["id"] != 5.0 {
		t.Errorf("unknown method: %v", msg)
	}
}

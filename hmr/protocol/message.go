package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Version is the JSON-RPC version every message carries.
const Version = "2.0"

// JSON-RPC 2.0 error codes used on the channel.
const (
	CodeParseError     = -32700
	CodeInvalidRequest = -32600
	CodeMethodNotFound = -32601
	CodeInvalidParams  = -32602
	CodeInternalError  = -32603
)

// Message is one JSON-RPC 2.0 object on the wire: a request (Method and ID), a notification
// (Method, no ID) or a response (ID with Result or Error).
type Message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Error is a JSON-RPC error object; it is also the Go error a failed call returns.
type Error struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// Error formats the code and message so that a log line says what the peer rejected.
func (e *Error) Error() string {
	return fmt.Sprintf("json-rpc error %d: %s", e.Code, e.Message)
}

// Errorf builds an *Error with the given code; handlers return it to choose the code.
func Errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// nullID is the id of an error response to a message whose id could not be read.
var nullID = json.RawMessage("null")

// IsRequest reports whether m asks for a response.
func (m *Message) IsRequest() bool { return m.Method != "" && len(m.ID) > 0 }

// IsNotification reports whether m is a method call that expects no response.
func (m *Message) IsNotification() bool { return m.Method != "" && len(m.ID) == 0 }

// IsResponse reports whether m answers an earlier request.
func (m *Message) IsResponse() bool { return m.Method == "" && len(m.ID) > 0 }

// Decode parses one line into a Message and checks it is a well-formed JSON-RPC 2.0 object.
// It returns the message together with an *Error whose code says what is wrong; when the id
// could be read the returned message carries it, so that the error response can answer it.
func Decode(line []byte) (*Message, *Error) {
	line = bytes.TrimSpace(line)
	if !json.Valid(line) {
		return &Message{ID: nullID}, Errorf(CodeParseError, "parse error: not valid JSON: %.80q", line)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return &Message{ID: nullID}, Errorf(CodeInvalidRequest, "invalid request: not a JSON object")
	}
	var m Message
	if err := json.Unmarshal(line, &m); err != nil {
		m = Message{ID: validID(fields["id"])}
		return &m, Errorf(CodeInvalidRequest, "invalid request: %v", err)
	}
	if len(m.ID) > 0 && validID(m.ID) == nil {
		m.ID = nullID
		return &m, Errorf(CodeInvalidRequest, "invalid request: id must be a string, a number or null")
	}
	switch {
	case m.JSONRPC != Version:
		return withID(&m), Errorf(CodeInvalidRequest, "invalid request: jsonrpc must be %q", Version)
	case m.Method == "" && len(m.ID) == 0:
		return withID(&m), Errorf(CodeInvalidRequest, "invalid request: neither a method nor an id")
	case m.Method == "" && m.Result == nil && m.Error == nil:
		return &m, Errorf(CodeInvalidRequest, "invalid response: neither result nor error")
	case m.Method != "" && (m.Result != nil || m.Error != nil):
		return &m, Errorf(CodeInvalidRequest, "invalid request: a request carries no result or error")
	}
	return &m, nil
}

// withID gives m the null id when it has none, so that an error response can be sent.
func withID(m *Message) *Message {
	if len(m.ID) == 0 {
		m.ID = nullID
	}
	return m
}

// validID returns id when it is a JSON string, number or null, and nil otherwise.
func validID(id json.RawMessage) json.RawMessage {
	if len(id) == 0 {
		return nil
	}
	switch id[0] {
	case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'n':
		return id
	}
	return nil
}

// Encode renders m as one line: compact JSON followed by a newline.
func Encode(m *Message) ([]byte, error) {
	if m.JSONRPC == "" {
		m.JSONRPC = Version
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

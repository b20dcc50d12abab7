package protocol

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
)

// Handler answers the requests and notifications a peer sends. It runs on the connection's
// reader goroutine, one message at a time, so messages are handled in the order they arrive;
// it must not wait for a response on the same connection. For a notification the result is
// discarded. Returning an *Error chooses the JSON-RPC error code; any other error becomes an
// internal error.
type Handler func(method string, params json.RawMessage) (result any, err error)

// ErrClosed is returned by calls on a connection that has closed.
var ErrClosed = errors.New("protocol: connection closed")

// Conn is one end of the control channel: newline-delimited JSON-RPC 2.0 over a stream.
// It is safe for concurrent use.
type Conn struct {
	rw      io.ReadWriteCloser
	handler Handler
	report  func(error)

	writeMu sync.Mutex

	mu      sync.Mutex
	nextID  int64
	pending map[string]chan *Message
	err     error

	done chan struct{}
}

// Option configures a Conn.
type Option func(*Conn)

// WithErrorReporter makes the connection tell report about what it rejected: malformed
// lines (which are also answered with an error response) and notifications its handler
// failed on (which JSON-RPC answers with nothing).
func WithErrorReporter(report func(error)) Option {
	return func(c *Conn) { c.report = report }
}

// NewConn starts serving rw: it reads messages until the stream ends, passing requests and
// notifications to handler (nil answers every request with method not found) and responses
// to the calls waiting for them.
func NewConn(rw io.ReadWriteCloser, handler Handler, opts ...Option) *Conn {
	c := &Conn{rw: rw, handler: handler, pending: map[string]chan *Message{}, done: make(chan struct{})}
	for _, opt := range opts {
		opt(c)
	}
	go c.read()
	return c
}

// reject passes a problem to the error reporter, if there is one.
func (c *Conn) reject(err error) {
	if c.report != nil {
		c.report(err)
	}
}

// Done is closed when the connection has ended.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Err returns why the connection ended (io.EOF when the peer closed it), or nil while it is open.
func (c *Conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close ends the connection; calls still waiting return ErrClosed.
func (c *Conn) Close() error {
	err := c.rw.Close()
	<-c.done
	return err
}

// Notify sends a notification.
func (c *Conn) Notify(method string, params any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("protocol: encode %s params: %w", method, err)
	}
	return c.send(&Message{Method: method, Params: raw})
}

// Call sends a request and waits for its response, decoding the result into result (which
// may be nil). A JSON-RPC error response is returned as an *Error.
func (c *Conn) Call(ctx context.Context, method string, params any, result any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("protocol: encode %s params: %w", method, err)
	}
	reply := make(chan *Message, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return ErrClosed
	}
	c.nextID++
	id := strconv.FormatInt(c.nextID, 10)
	c.pending[id] = reply
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
	}()

	if err := c.send(&Message{ID: json.RawMessage(id), Method: method, Params: raw}); err != nil {
		return err
	}
	select {
	case m, ok := <-reply:
		if !ok {
			return ErrClosed
		}
		if m.Error != nil {
			return m.Error
		}
		if result == nil {
			return nil
		}
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("protocol: decode %s result: %w", method, err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-c.done:
		return ErrClosed
	}
}

// send writes one message as one line; writes from several goroutines never interleave.
func (c *Conn) send(m *Message) error {
	line, err := Encode(m)
	if err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := c.rw.Write(line); err != nil {
		return fmt.Errorf("protocol: write %s: %w", describe(m), err)
	}
	return nil
}

// read is the reader goroutine: it dispatches every line until the stream ends.
func (c *Conn) read() {
	reader := bufio.NewReader(c.rw)
	var err error
	for {
		var line []byte
		line, err = reader.ReadBytes('\n')
		if len(line) > 0 && !isBlank(line) {
			c.dispatch(line)
		}
		if err != nil {
			break
		}
	}
	c.mu.Lock()
	c.err = err
	for id, reply := range c.pending {
		close(reply)
		delete(c.pending, id)
	}
	c.mu.Unlock()
	close(c.done)
}

// dispatch handles one line: a malformed one is answered with an error, and the connection
// carries on.
func (c *Conn) dispatch(line []byte) {
	m, bad := Decode(line)
	if bad != nil {
		c.reject(fmt.Errorf("%w in line %.200q", bad, line))
		id := withID(m).ID
		if m.IsResponse() {
			// A broken response still settles its call, so the caller does not hang; the
			// error sent back carries no id, which the peer could mistake for its own request's.
			c.deliver(&Message{ID: m.ID, Error: bad})
			id = nullID
		}
		_ = c.send(&Message{ID: id, Error: bad})
		return
	}
	switch {
	case m.IsResponse():
		c.deliver(m)
	case m.IsNotification():
		if c.handler != nil {
			if _, err := c.handler(m.Method, m.Params); err != nil {
				c.reject(fmt.Errorf("notification %s: %w", m.Method, err))
			}
		}
	default:
		c.answer(m)
	}
}

// deliver hands a response to the call waiting for it; one nobody waits for is dropped.
func (c *Conn) deliver(m *Message) {
	c.mu.Lock()
	reply, ok := c.pending[string(m.ID)]
	delete(c.pending, string(m.ID))
	c.mu.Unlock()
	if ok {
		reply <- m
	}
}

// answer runs the handler for a request and sends its result or error.
func (c *Conn) answer(m *Message) {
	if c.handler == nil {
		_ = c.send(&Message{ID: m.ID, Error: Errorf(CodeMethodNotFound, "method not found: %s", m.Method)})
		return
	}
	result, err := c.handler(m.Method, m.Params)
	if err != nil {
		var rpcErr *Error
		if !errors.As(err, &rpcErr) {
			rpcErr = Errorf(CodeInternalError, "%v", err)
		}
		_ = c.send(&Message{ID: m.ID, Error: rpcErr})
		return
	}
	raw, err := json.Marshal(result)
	if err != nil {
		_ = c.send(&Message{ID: m.ID, Error: Errorf(CodeInternalError, "encode result: %v", err)})
		return
	}
	_ = c.send(&Message{ID: m.ID, Result: raw})
}

// describe names a message for an error text.
func describe(m *Message) string {
	if m.Method != "" {
		return m.Method
	}
	return "response " + string(m.ID)
}

// isBlank reports whether a line holds only white space; such lines are skipped.
func isBlank(line []byte) bool {
	for _, b := range line {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return false
		}
	}
	return true
}

// DecodeParams unmarshals params into v, turning a failure into an invalid-params error
// that a Handler can return as it is.
func DecodeParams(params json.RawMessage, v any) error {
	if len(params) == 0 {
		params = json.RawMessage("{}")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return Errorf(CodeInvalidParams, "invalid params: %v", err)
	}
	return nil
}

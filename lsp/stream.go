package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// stream frames LSP messages (Content-Length headers) like jsonrpc2.NewStream, but a body that
// is not a JSON-RPC message gets an error response with id null instead of ending the
// connection: jsonrpc2 v1.0.1 still ends the connection on the first undecodable single
// message (TestJSONRPC2MalformedEndsConnection). Reading whole messages through Read, not
// frames, also makes every request own its params.
type stream struct {
	in    *textproto.Reader
	out   io.Writer
	close io.Closer
	// mu keeps each written frame whole.
	mu sync.Mutex
	// malformed hears of every body answered with an error, so the server can log it.
	malformed func(code int, reason string)
	// replied hears of every response written.
	replied func()
	// beforeEnd runs when the client hangs up, before the read loop learns of it.
	beforeEnd func()

	// failed is why the framing was lost, if it was; the server then exits non-zero.
	failMu sync.Mutex
	failed error
}

// maxContentLength is the largest message body the server reads. A larger Content-Length is
// refused rather than waited for: it is a broken client, not a document (full sync of a
// 50 MB file is far beyond what the analysis is for).
const maxContentLength = 64 << 20

// fail records that the framing was lost and returns err.
func (s *stream) fail(err error) error {
	s.failMu.Lock()
	if s.failed == nil {
		s.failed = err
	}
	s.failMu.Unlock()
	return err
}

// framingError says why the connection's framing was lost, or nil when it ended cleanly (the
// client hung up between messages, or the server closed it).
func (s *stream) framingError() error {
	s.failMu.Lock()
	defer s.failMu.Unlock()
	return s.failed
}

func newStream(rwc io.ReadWriteCloser, onMalformed func(code int, reason string), onReplied func()) *stream {
	return &stream{
		in:        textproto.NewReader(bufio.NewReader(rwc)),
		out:       rwc,
		close:     rwc,
		malformed: onMalformed,
		replied:   onReplied,
	}
}

// Read returns the next well-formed message, answering malformed ones on the way.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		header, err := s.in.ReadMIMEHeader()
		if err != nil {
			// jsonrpc2 refuses to write once the read side ended, so the answers to requests
			// that came before the hang-up go out first.
			if s.beforeEnd != nil {
				s.beforeEnd()
			}
			err = fmt.Errorf("reading message header: %w", err)
			if clean(err) {
				return nil, 0, err
			}
			return nil, 0, s.fail(err)
		}
		if header.Get("Content-Length") == "" {
			return nil, 0, s.fail(fmt.Errorf("a message without Content-Length (headers %v): the framing is lost", header))
		}
		length, err := strconv.ParseInt(header.Get("Content-Length"), 10, 64)
		if err != nil || length <= 0 {
			// Without a length the next message cannot be found: the framing is lost.
			return nil, 0, s.fail(fmt.Errorf("bad Content-Length %q: the framing is lost", header.Get("Content-Length")))
		}
		if length > maxContentLength {
			return nil, 0, s.fail(fmt.Errorf("Content-Length %d is over the limit of %d bytes: refused", length, maxContentLength))
		}
		body := make([]byte, length)
		if n, err := io.ReadFull(s.in.R, body); err != nil {
			if s.beforeEnd != nil {
				s.beforeEnd()
			}
			err = fmt.Errorf("reading a message body of %d bytes (Content-Length) after %d: %w", length, n, err)
			if n == 0 && clean(err) {
				return nil, 0, err
			}
			return nil, 0, s.fail(err)
		}
		msg, code, reason := decode(body)
		if msg != nil {
			return msg, length, nil
		}
		if s.malformed != nil {
			s.malformed(code, reason)
		}
		if err := s.writeError(code, reason); err != nil {
			return nil, 0, err
		}
	}
}

// clean reports whether a read error is the connection ending between messages (the client
// hung up, or the server closed it) rather than broken framing.
func clean(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe) || errors.Is(err, net.ErrClosed)
}

// decode parses a body, or says which JSON-RPC error it deserves.
func decode(body []byte) (jsonrpc2.Message, int, string) {
	if !json.Valid(body) {
		return nil, int(jsonrpc2.ParseError), "parse error: the message is not valid JSON"
	}
	var object map[string]json.RawMessage
	if json.Unmarshal(body, &object) != nil {
		return nil, int(jsonrpc2.InvalidRequest), "invalid request: the message is not a JSON object"
	}
	msg, err := jsonrpc2.DecodeMessage(body)
	if err != nil {
		var rpcErr *jsonrpc2.Error
		if errors.As(err, &rpcErr) {
			return nil, int(rpcErr.Code), "invalid request: " + rpcErr.Message
		}
		return nil, int(jsonrpc2.InvalidRequest), "invalid request: " + err.Error()
	}
	return msg, 0, ""
}

// writeError sends an error response with id null, which jsonrpc2's Response cannot express.
func (s *stream) writeError(code int, reason string) error {
	data, err := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      nil,
		"error":   map[string]any{"code": code, "message": reason},
	})
	if err != nil {
		return err
	}
	_, err = s.writeFrame(data)
	return err
}

// writeFrame sends one body with its header in a single write.
func (s *stream) writeFrame(data []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(data), data)
	return int64(n), err
}

// Write sends one message and says so when it is a response. jsonrpc2 v1.0.1 writes a
// request's response after its handler returns and refuses to write once Close began, so
// the server counts responses out before it closes (Server.closeConn).
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	data, err := jsonrpc2.EncodeMessage(msg)
	if err != nil {
		return 0, err
	}
	n, err := s.writeFrame(data)
	if view, scanErr := jsonrpc2.ScanMessageView(data); scanErr == nil && s.replied != nil &&
		(view.Kind == jsonrpc2.MessageViewResponseResult || view.Kind == jsonrpc2.MessageViewResponseError) {
		s.replied()
	}
	return n, err
}

// Close closes the connection.
func (s *stream) Close() error { return s.close.Close() }

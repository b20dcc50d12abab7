package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"
)

// jsonFlag is --json: a bare --json writes events on stdout, --json=<path> into a file and
// --json=<n> on file descriptor n, so that events never mix with the app's own output.
type jsonFlag struct {
	enabled bool
	dest    string
}

func (f *jsonFlag) String() string {
	if !f.enabled {
		return ""
	}
	return f.dest
}

// IsBoolFlag lets --json stand alone.
func (f *jsonFlag) IsBoolFlag() bool { return true }

func (f *jsonFlag) Set(v string) error {
	switch v {
	case "true", "":
		f.enabled, f.dest = true, ""
	case "false":
		f.enabled, f.dest = false, ""
	default:
		f.enabled, f.dest = true, v
	}
	return nil
}

// open returns where events go and the path of a file inside the project to leave out of
// the watch (empty for stdout and descriptors).
func (f *jsonFlag) open(stdout io.Writer) (io.WriteCloser, string, error) {
	if f.dest == "" {
		return nopCloser{stdout}, "", nil
	}
	if fd, err := strconv.Atoi(f.dest); err == nil {
		file := os.NewFile(uintptr(fd), "json-fd-"+f.dest)
		if file == nil {
			return nil, "", fmt.Errorf("--json=%d: no such file descriptor", fd)
		}
		return file, "", nil
	}
	file, err := os.OpenFile(f.dest, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, "", fmt.Errorf("--json: %w", err)
	}
	return file, file.Name(), nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// eventWriter encodes events one per line, from several goroutines.
type eventWriter struct {
	mu  sync.Mutex
	enc *json.Encoder
}

func (w *eventWriter) encode(v any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_ = w.enc.Encode(v)
}

// outputEvent is a line the app wrote, when --json shares stdout with it.
type outputEvent struct {
	Kind   string    `json:"event"`
	Time   time.Time `json:"time"`
	Stream string    `json:"stream"`
	Text   string    `json:"text"`
}

// appOutput turns the app's stdout or stderr into output events, one per line.
type appOutput struct {
	events *eventWriter
	stream string
	mu     sync.Mutex
	buf    []byte
}

func (o *appOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf = append(o.buf, p...)
	for {
		i := bytes.IndexByte(o.buf, '\n')
		if i < 0 {
			break
		}
		o.events.encode(outputEvent{Kind: "output", Time: time.Now(), Stream: o.stream, Text: string(o.buf[:i])})
		o.buf = o.buf[i+1:]
	}
	return len(p), nil
}

// flush writes a last line that had no newline.
func (o *appOutput) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.buf) > 0 {
		o.events.encode(outputEvent{Kind: "output", Time: time.Now(), Stream: o.stream, Text: string(o.buf)})
		o.buf = nil
	}
}

package main

import (
	"bufio"
	"io"
	"os"
	"strings"
)

// restartCommand is the line that restarts the app by hand, as in nodemon.
const restartCommand = "rs"

// forwardQueueLines is how many lines may wait for an app that does not read its stdin
// before reading stops; until then `rs` keeps working however full the pipe is.
const forwardQueueLines = 4096

// stdinRelay sits between hotswap's stdin and the app's: a line that is exactly `rs`
// restarts the app, every other line goes to the app unchanged. Every process the driver
// starts gets the read end of the same pipe, so lines the old process left unread reach
// the next one, and EOF on hotswap's stdin becomes EOF on the app's.
type stdinRelay struct {
	// appStdin is the pipe's read end, handed to each app process as its stdin.
	appStdin *os.File
	toApp    *os.File
	lines    chan string
}

// newStdinRelay makes the pipe the app will read.
func newStdinRelay() (*stdinRelay, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	relay := &stdinRelay{appStdin: r, toApp: w, lines: make(chan string, forwardQueueLines)}
	go relay.write()
	return relay, nil
}

// read relays in until it ends or fails, calling restart for each `rs` line; with a nil
// restart, `rs` is forwarded like any line. A stdin that cannot be read (closed, /dev/null)
// simply ends: the app sees EOF, as it would on its own.
func (r *stdinRelay) read(in io.Reader, restart func()) {
	defer close(r.lines)
	reader := bufio.NewReader(in)
	for {
		line, err := reader.ReadString('\n')
		if restart != nil && strings.Trim(line, " \t\r\n") == restartCommand {
			restart()
		} else if line != "" {
			r.lines <- line
		}
		if err != nil {
			return
		}
	}
}

// write copies queued lines into the pipe and closes it once the queue ends; a write blocks
// while the pipe is full, which holds back only the forwarding, never `rs`.
func (r *stdinRelay) write() {
	defer r.toApp.Close()
	for line := range r.lines {
		if _, err := io.WriteString(r.toApp, line); err != nil {
			// Nothing reads the pipe any more; drain so that read never blocks.
			for range r.lines {
			}
			return
		}
	}
}

// eofReader is an input that has ended.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// close releases the pipe once no app process needs it.
func (r *stdinRelay) close() {
	_ = r.appStdin.Close()
}

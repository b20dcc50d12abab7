package driver

import (
	"sync"
	"time"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// Kind names what an Event reports.
type Kind string

// The kinds of Event a Driver emits.
const (
	// KindStart: a node process was spawned (PID set).
	KindStart Kind = "start"
	// KindReady: the runtime evaluated the entry (Ready set).
	KindReady Kind = "ready"
	// KindUpdate: an update finished, requested or not (Update set).
	KindUpdate Kind = "update"
	// KindRestart: the app was started again and is ready (Restart set).
	KindRestart Kind = "restart"
	// KindCrash: the app exited on its own or failed to start (Exit set); the driver waits
	// for the next change before starting it again.
	KindCrash Kind = "crash"
	// KindExit: the app ended because the driver stopped it (Exit set).
	KindExit Kind = "exit"
	// KindLog: a [hot] line the runtime sent (Log set).
	KindLog Kind = "log"
	// KindGraph: the runtime's module graph (Graph set).
	KindGraph Kind = "graph"
	// KindError: a problem of the driver itself that did not stop it (Message set).
	KindError Kind = "error"
)

// Event is one thing that happened to the supervised app. Exactly the field named by Kind
// is set, besides Time and PID.
type Event struct {
	Kind    Kind                   `json:"event"`
	Time    time.Time              `json:"time"`
	PID     int                    `json:"pid,omitempty"`
	Ready   *protocol.ReadyParams  `json:"ready,omitempty"`
	Update  *protocol.UpdateResult `json:"update,omitempty"`
	Restart *Restart               `json:"restart,omitempty"`
	Exit    *Exit                  `json:"exit,omitempty"`
	Log     *protocol.LogParams    `json:"log,omitempty"`
	Graph   *protocol.Graph        `json:"graph,omitempty"`
	Message string                 `json:"message,omitempty"`
}

// Restart reasons of the driver's own, beside the runtime's (protocol.Reason*).
const (
	// ReasonCrashed: a file changed after the app had crashed or exited.
	ReasonCrashed = "crashed"
	// ReasonRequested: a caller asked for the restart (Driver.Restart).
	ReasonRequested = "requested"
	// ReasonManual: a person asked for the restart by hand, as with `rs` in hotswap run
	// (Driver.RestartWithReason).
	ReasonManual = "manual"
	// ReasonNoChannel: a file changed but the runtime never connected, so it cannot be told.
	ReasonNoChannel = "noChannel"
	// ReasonFileChanged: a file that is no module but restarts the app changed (.env, a
	// restart glob); the message names it.
	ReasonFileChanged = "fileChanged"
)

// Restart describes a finished restart.
type Restart struct {
	// Reason is a protocol.Reason* value or one of the driver's Reason* values.
	Reason string `json:"reason"`
	// Message is the runtime's or the driver's explanation.
	Message string `json:"message,omitempty"`
	// Chain runs from the changed file to the module that made the update impossible.
	Chain []string `json:"chain,omitempty"`
	// Error is where a dispose handler threw, for a disposeError restart.
	Error *protocol.ErrorLocation `json:"error,omitempty"`
	// Paths are the changed files that led to the restart, if any.
	Paths []string `json:"paths,omitempty"`
	// DurationMs runs from stopping the old process to the new one's ready notification.
	DurationMs float64 `json:"durationMs"`
	// Ready is false when the new process did not report ready (it crashed, or has no runtime).
	Ready bool `json:"ready"`
}

// Exit describes how a node process ended.
type Exit struct {
	// Code is the exit status, 128+n for a process killed by signal n.
	Code int `json:"code"`
	// Signal names the signal that killed the process ("SIGKILL"), if one did.
	Signal string `json:"signal,omitempty"`
	// BeforeReady is true when the process ended before the runtime reported ready.
	BeforeReady bool `json:"beforeReady"`
	// UptimeMs is how long the process ran.
	UptimeMs float64 `json:"uptimeMs"`
	// Killed is true when the driver killed the process because it had not exited within
	// ShutdownTimeout of the shutdown request; KilledAfterMs is that wait.
	Killed        bool    `json:"killed,omitempty"`
	KilledAfterMs float64 `json:"killedAfterMs,omitempty"`
}

// queue hands events to a channel in order without ever blocking the emitter: events wait
// in memory while the reader is busy.
type queue struct {
	mu      sync.Mutex
	wake    chan struct{}
	pending []Event
	closed  bool
	out     chan Event
}

func newQueue() *queue {
	q := &queue{wake: make(chan struct{}, 1), out: make(chan Event)}
	go q.pump()
	return q
}

// push adds an event; after close it is dropped.
func (q *queue) push(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	q.mu.Lock()
	if !q.closed {
		q.pending = append(q.pending, e)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// close delivers what is pending, then closes the channel.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *queue) pump() {
	for range q.wake {
		for {
			q.mu.Lock()
			if len(q.pending) == 0 {
				closed := q.closed
				q.mu.Unlock()
				if closed {
					close(q.out)
					return
				}
				break
			}
			e := q.pending[0]
			q.pending = q.pending[1:]
			q.mu.Unlock()
			q.out <- e
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

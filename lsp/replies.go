package lsp

import (
	"sync"
	"time"
)

// replies counts the responses the server owes: one per request handed to the worker, paid
// when the stream writes a response. Responses jsonrpc2 writes on its own (a request
// refused during shutdown) are paid too, so the count never goes below zero.
type replies struct {
	mu   sync.Mutex
	owed int
	paid chan struct{} // signalled on every payment
}

func newReplies() *replies { return &replies{paid: make(chan struct{}, 1)} }

// owe records a request that will be answered.
func (r *replies) owe() {
	r.mu.Lock()
	r.owed++
	r.mu.Unlock()
}

// pay records a written response.
func (r *replies) pay() {
	r.mu.Lock()
	if r.owed > 0 {
		r.owed--
	}
	r.mu.Unlock()
	select {
	case r.paid <- struct{}{}:
	default:
	}
}

// settle waits until every owed response is written, or for at most limit.
func (r *replies) settle(limit time.Duration) bool {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		owed := r.owed
		r.mu.Unlock()
		if owed == 0 {
			return true
		}
		select {
		case <-r.paid:
		case <-deadline.C:
			return false
		}
	}
}

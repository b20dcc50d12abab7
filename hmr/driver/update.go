package driver

import (
	"context"
	"errors"
	"syscall"
	"time"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// Push tells the runtime that files changed and returns its result. When the runtime
// cannot apply the change, when the app had crashed, or when no runtime is connected, the
// app is restarted instead (a restart event follows) and the result is nil.
func (d *Driver) Push(ctx context.Context, paths []string) (*protocol.UpdateResult, error) {
	ctx, cancel := d.bound(ctx)
	defer cancel()
	d.op.Lock()
	defer d.op.Unlock()
	if d.isStopped() {
		return nil, ErrStopped
	}
	inst := d.current()
	if inst == nil {
		return nil, errors.New("driver: not started")
	}
	crashed := Restart{Reason: ReasonCrashed, Message: "a file changed after the app exited", Paths: paths}
	if inst.hasExited() {
		return nil, d.restartLocked(ctx, crashed)
	}
	// A change that arrives while the app starts waits until the runtime can take it. The
	// runtime connects before the entry runs, so a process that has not connected within
	// ConnectTimeout of its start never will (it was started without the runtime).
	connectWait := d.opts.ConnectTimeout - time.Since(inst.started)
	if !inst.awaitConnected(ctx, max(connectWait, 0)) {
		if inst.hasExited() {
			return nil, d.restartLocked(ctx, crashed)
		}
		return nil, d.restartLocked(ctx, Restart{Reason: ReasonNoChannel, Message: "the runtime never connected to " + SocketEnv, Paths: paths})
	}
	inst.awaitReady(ctx, d.opts.ConnectTimeout, d.opts.ReadyTimeout)
	if inst.hasExited() {
		return nil, d.restartLocked(ctx, crashed)
	}
	conn := inst.connection()
	callCtx, cancel := context.WithTimeout(ctx, d.opts.UpdateTimeout)
	defer cancel()
	var result protocol.UpdateResult
	if err := conn.Call(callCtx, protocol.MethodUpdate, protocol.UpdateParams{Paths: paths}, &result); err != nil {
		if d.life.Err() != nil {
			return nil, ErrStopped
		}
		if inst.hasExited() || errors.Is(err, protocol.ErrClosed) {
			// The app died during the update; its crash event says so, the next change restarts it.
			return nil, nil
		}
		d.events.push(Event{Kind: KindError, PID: inst.pid, Message: "update failed: " + err.Error()})
		return nil, err
	}
	// A change to files outside the module graph (logs, databases, the app's own output) is
	// no event: it changed nothing, and an event written into the watched tree would loop.
	d.pushUpdate(inst, &result, !(result.Type == protocol.ResultSuccess && len(result.Ignored) == len(result.Paths)))
	if result.NeedsRestart() {
		return &result, d.restartLocked(ctx, restartFromResult(&result))
	}
	return &result, nil
}

// pushUpdate reports an update result: as an update event when event is set, and, when it
// carries a graph newer than any reported for inst, as a graph event after it, as Graph
// would, so that no one needs to ask for the graph after a save. Results and notifications
// are read by different goroutines; the version keeps an older graph from following a newer.
func (d *Driver) pushUpdate(inst *instance, r *protocol.UpdateResult, event bool) {
	if event {
		// The graph travels in its own event; the update event stays the size of a result.
		update := *r
		update.Graph = nil
		d.events.push(Event{Kind: KindUpdate, PID: inst.pid, Update: &update})
	}
	if r.Graph == nil {
		return
	}
	inst.mu.Lock()
	defer inst.mu.Unlock()
	if r.GraphVersion > inst.graphVersion {
		inst.graphVersion = r.GraphVersion
		d.events.push(Event{Kind: KindGraph, PID: inst.pid, Graph: r.Graph})
	}
}

// Restart stops the app and starts it again; the restart event gives ReasonRequested.
func (d *Driver) Restart(ctx context.Context, message string) error {
	return d.RestartWithReason(ctx, ReasonRequested, message)
}

// RestartWithReason stops the app (if it still runs) and starts it again; the restart event
// gives reason and message, for example ReasonManual for a restart typed by a person.
func (d *Driver) RestartWithReason(ctx context.Context, reason, message string) error {
	ctx, cancel := d.bound(ctx)
	defer cancel()
	d.op.Lock()
	defer d.op.Unlock()
	if d.isStopped() {
		return ErrStopped
	}
	return d.restartLocked(ctx, Restart{Reason: reason, Message: message})
}

// restartFor restarts the app for a request from inst, unless inst is no longer current
// (the same update can be reported both by its result and by a restart notification).
func (d *Driver) restartFor(inst *instance, why Restart) {
	ctx, cancel := d.bound(context.Background())
	defer cancel()
	d.op.Lock()
	defer d.op.Unlock()
	if d.isStopped() || d.current() != inst || inst.hasExited() && !inst.isStopping() {
		return
	}
	_ = d.restartLocked(ctx, why)
}

// restartLocked stops the current process and starts a new one; the caller holds d.op.
func (d *Driver) restartLocked(ctx context.Context, why Restart) error {
	began := time.Now()
	if old := d.current(); old != nil && !old.hasExited() {
		exit := old.stop(d.opts.ShutdownTimeout, syscall.SIGTERM)
		if exit.Killed {
			d.events.push(Event{Kind: KindExit, PID: old.pid, Exit: &exit})
		}
		d.mu.Lock()
		d.lastExit = &exit
		d.mu.Unlock()
	}
	inst, err := d.launch()
	if err != nil {
		d.events.push(Event{Kind: KindError, Message: "restart failed: " + err.Error()})
		return err
	}
	why.Ready = inst.awaitReady(ctx, d.opts.ConnectTimeout, d.opts.ReadyTimeout)
	why.DurationMs = ms(time.Since(began))
	if why.Ready || !inst.hasExited() {
		d.events.push(Event{Kind: KindRestart, PID: inst.pid, Restart: &why})
	}
	return nil
}

package driver

import (
	"encoding/json"
	"fmt"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// handle answers the runtime of one instance.
func (d *Driver) handle(inst *instance, method string, params json.RawMessage) (any, error) {
	switch method {
	case protocol.MethodReady:
		var p protocol.ReadyParams
		if err := protocol.DecodeParams(params, &p); err != nil {
			return nil, err
		}
		inst.markReady(&p, func() { d.events.push(Event{Kind: KindReady, PID: inst.pid, Ready: &p}) })
	case protocol.MethodLog:
		var p protocol.LogParams
		if err := protocol.DecodeParams(params, &p); err != nil {
			return nil, err
		}
		d.events.push(Event{Kind: KindLog, PID: inst.pid, Log: &p})
	case protocol.MethodUpdated:
		var r protocol.UpdateResult
		if err := protocol.DecodeParams(params, &r); err != nil {
			return nil, err
		}
		d.pushUpdate(inst, &r, true)
		if r.NeedsRestart() {
			go d.restartFor(inst, restartFromResult(&r))
		}
	case protocol.MethodRestart:
		var p protocol.RestartParams
		if err := protocol.DecodeParams(params, &p); err != nil {
			return nil, err
		}
		go d.restartFor(inst, Restart{Reason: p.Reason, Message: p.Message, Chain: p.Chain})
	case methodRejected:
		var reason string
		_ = json.Unmarshal(params, &reason)
		d.events.push(Event{Kind: KindError, PID: inst.pid, Message: "control channel: the runtime sent a message the driver rejected: " + reason})
	default:
		return nil, protocol.Errorf(protocol.CodeMethodNotFound, "method not found: %s", method)
	}
	return struct{}{}, nil
}

// restartFromResult explains a restart caused by an update result.
func restartFromResult(r *protocol.UpdateResult) Restart {
	why := Restart{Reason: r.Type, Chain: r.Chain, Paths: r.Paths}
	switch r.Type {
	case protocol.ResultDeclined:
		why.Message = r.Declined + " declined the update"
	case protocol.ResultUnaccepted:
		why.Message = "no module accepted the update"
	case protocol.ResultEvaluationError:
		why.Reason = protocol.ReasonDisposeError
		why.Error = r.Error
		what := "a dispose handler threw"
		switch r.Phase {
		case protocol.PhaseTimeout:
			why.Reason = protocol.ReasonHandlerTimeout
			what = "a handler did not settle"
		case protocol.PhaseRollback:
			what = "the previous version threw when rolled back to"
		}
		why.Message = what
		if r.Error != nil {
			why.Message = fmt.Sprintf("%s at %s:%d:%d: %s", what, r.Error.File, r.Error.Line, r.Error.Column, r.Error.Message)
		}
	}
	return why
}

package protocol

import "encoding/json"

// UpdateResult types: the tag of the UpdateResult union.
const (
	ResultSuccess         = "success"
	ResultDeclined        = "declined"
	ResultUnaccepted      = "unaccepted"
	ResultSyntaxError     = "syntaxError"
	ResultLinkError       = "linkError"
	ResultEvaluationError = "evaluationError"
)

// Evaluation phases of an evaluationError result.
const (
	PhaseEvaluate = "evaluate"
	PhaseAccept   = "accept"
	PhaseDispose  = "dispose"
	// PhaseTimeout: a dispose, prune or accept handler never settled; the app must restart.
	PhaseTimeout = "timeout"
	// PhaseRollback: the previous versions threw when evaluated again; the app must restart.
	PhaseRollback = "rollback"
)

// UpdateResult is the outcome of one update: a union tagged by Type. Paths, DurationMs and
// Ignored are set on every variant; the other fields belong to the variants named beside them.
type UpdateResult struct {
	Type       string   `json:"type"`
	Paths      []string `json:"paths"`
	DurationMs float64  `json:"durationMs"`
	Ignored    []string `json:"ignored"`
	// GraphVersion numbers the shape of the runtime's graph as this driver was sent it,
	// from 1; zero means the result says nothing about the graph (one the driver made).
	GraphVersion int `json:"graphVersion,omitempty"`
	// Graph is the whole graph when GraphVersion is new to the driver, so that a save needs
	// no graph request after it; nil when the driver's last graph is still current.
	Graph *Graph `json:"graph,omitempty"`

	Loaded      []string       `json:"loaded,omitempty"`      // success
	Reevaluated []string       `json:"reevaluated,omitempty"` // success
	Declined    string         `json:"declined,omitempty"`    // declined
	Chain       []string       `json:"chain,omitempty"`       // declined, unaccepted
	Error       *ErrorLocation `json:"error,omitempty"`       // syntaxError, linkError, evaluationError
	Phase       string         `json:"phase,omitempty"`       // evaluationError
}

// NeedsRestart reports whether the app must start again for this change to take effect:
// the update was declined or unaccepted, a dispose handler threw, a handler never settled, or
// the rollback failed.
func (r *UpdateResult) NeedsRestart() bool {
	switch r.Type {
	case ResultDeclined, ResultUnaccepted:
		return true
	case ResultEvaluationError:
		return r.Phase == PhaseDispose || r.Phase == PhaseTimeout || r.Phase == PhaseRollback
	}
	return false
}

// MarshalJSON writes exactly the fields of r's variant, empty lists as [], so that a result
// survives a decode and encode unchanged.
func (r UpdateResult) MarshalJSON() ([]byte, error) {
	out := map[string]any{
		"type":       r.Type,
		"paths":      nonNil(r.Paths),
		"durationMs": r.DurationMs,
		"ignored":    nonNil(r.Ignored),
	}
	if r.GraphVersion != 0 {
		out["graphVersion"] = r.GraphVersion
	}
	if r.Graph != nil {
		out["graph"] = r.Graph
	}
	switch r.Type {
	case ResultSuccess:
		out["loaded"] = nonNil(r.Loaded)
		out["reevaluated"] = nonNil(r.Reevaluated)
	case ResultDeclined:
		out["declined"] = r.Declined
		out["chain"] = nonNil(r.Chain)
	case ResultUnaccepted:
		out["chain"] = nonNil(r.Chain)
	case ResultSyntaxError, ResultLinkError:
		out["error"] = r.Error
	case ResultEvaluationError:
		out["error"] = r.Error
		out["phase"] = r.Phase
	default:
		// An unknown variant keeps whatever fields it has.
		type plain UpdateResult
		return json.Marshal(plain(r))
	}
	return json.Marshal(out)
}

// nonNil turns a nil list into an empty one, which JSON writes as [] rather than null.
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

package session

import (
	"path/filepath"

	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// RunError is the error of the app's last failed update, at the place the runtime reported.
type RunError struct {
	// Path is the canonical path of the file.
	Path string
	// Line and Character are zero-based; Character counts UTF-16 units, as JavaScript does.
	Line, Character int
	// Code is the diagnostic code (hotswap/syntax-error, ...); Message says what failed and
	// that the old code keeps running.
	Code, Message string
}

// runCodes are the codes of failed updates, by UpdateResult type.
var runCodes = map[string]string{
	hmrprotocol.ResultSyntaxError:     "hotswap/syntax-error",
	hmrprotocol.ResultLinkError:       "hotswap/link-error",
	hmrprotocol.ResultEvaluationError: "hotswap/evaluation-error",
}

// runErrorOf is the error a failed update deserves, if it is one the editor shows.
func (f *Folder) runErrorOf(r *hmrprotocol.UpdateResult) (RunError, bool) {
	if r == nil || r.Error == nil || runCodes[r.Type] == "" {
		return RunError{}, false
	}
	loc := r.Error
	msg := loc.Message
	switch r.Type {
	case hmrprotocol.ResultEvaluationError:
		msg = "the new version threw while running (" + r.Phase + "): " + msg
	default:
		msg = "the running app rejected this version: " + msg
	}
	if r.Phase != hmrprotocol.PhaseDispose {
		msg += "; the old code keeps running"
	}
	return RunError{Path: f.canonical(filepath.Clean(loc.File)), Line: max(loc.Line-1, 0), Character: max(loc.Column-1, 0),
		Code: runCodes[r.Type], Message: msg}, true
}

// setRunErrors replaces the errors of the app's last update: a failed update puts one at the
// error's location, anything else clears them.
func (f *Folder) setRunErrors(r *hmrprotocol.UpdateResult) {
	errs := map[string][]RunError{}
	if e, ok := f.runErrorOf(r); ok {
		errs[e.Path] = []RunError{e}
	}
	f.mu.Lock()
	f.runErrs = errs
	f.mu.Unlock()
	f.s.hooks.DiagnosticsChanged(f)
}

// RunErrors returns the errors of the app's last update, by canonical path.
func (f *Folder) RunErrors() map[string][]RunError {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string][]RunError, len(f.runErrs))
	for p, list := range f.runErrs {
		out[p] = list
	}
	return out
}

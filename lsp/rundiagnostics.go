package lsp

import (
	"path/filepath"

	"go.lsp.dev/protocol"

	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// runCodes are the diagnostic codes of failed updates, by UpdateResult type.
var runCodes = map[string]string{
	hmrprotocol.ResultSyntaxError:     "hotswap/syntax-error",
	hmrprotocol.ResultLinkError:       "hotswap/link-error",
	hmrprotocol.ResultEvaluationError: "hotswap/evaluation-error",
}

// setRunDiagnostics replaces the diagnostics of the app's last update: a failed update puts
// one at the error's location, anything else clears them. Then it publishes.
func (s *Server) setRunDiagnostics(f *folder, r *hmrprotocol.UpdateResult) {
	diags := map[string][]protocol.Diagnostic{}
	if r != nil && r.Error != nil && runCodes[r.Type] != "" {
		loc := r.Error
		path := filepath.Clean(loc.File)
		line, col := max(loc.Line-1, 0), max(loc.Column-1, 0)
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
		diags[f.canonical(path)] = []protocol.Diagnostic{{
			Range: protocol.Range{
				Start: protocol.Position{Line: uint32(line), Character: uint32(col)},
				End:   protocol.Position{Line: uint32(line), Character: uint32(col + 1)},
			},
			Severity: protocol.DiagnosticSeverityError,
			Code:     protocol.String(runCodes[r.Type]),
			Source:   protocol.NewOptional("hotswap run"),
			Message:  protocol.String(msg),
		}}
	}
	f.mu.Lock()
	f.runDiags = diags
	f.mu.Unlock()
	s.publishFolder(f, "")
}

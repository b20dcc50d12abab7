package driver

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hotswap/hotswap/hmr/protocol"
)

// Describer turns events into the short lines a person reads, with paths relative to Root.
// It returns "" for events that deserve no line of their own.
type Describer struct {
	// Root is the directory paths are shown relative to.
	Root string
	// Entry is the app's entry, marked "(entry)" at the end of a chain.
	Entry string
	// started is set once the first ready or crash was described, so that later readies
	// stay quiet (a restart line covers them).
	started bool
}

// Describe returns the line for e, or "" when e needs none.
func (s *Describer) Describe(e Event) string {
	switch e.Kind {
	case KindReady:
		if s.started {
			return ""
		}
		s.started = true
		return fmt.Sprintf("ready in %s: %s (%s, node %s, pid %d)",
			millis(e.Ready.DurationMs), s.rel(e.Ready.Entry), plural(e.Ready.Modules, "module"), e.Ready.Node, e.Ready.PID)
	case KindUpdate:
		return s.update(e.Update)
	case KindRestart:
		s.started = true
		return s.restart(e.Restart)
	case KindCrash:
		// The restart that follows the fix says how long it took; its ready needs no line.
		s.started = true
		when := "crashed"
		if e.Exit.Code == 0 && e.Exit.Signal == "" {
			when = "exited"
		} else if e.Exit.BeforeReady {
			when = "failed to start"
		}
		return fmt.Sprintf("app %s (%s); waiting for a change to restart", when, exitStatus(e.Exit))
	case KindExit:
		if e.Exit.Killed {
			return fmt.Sprintf("app killed: it had not exited %s after the shutdown request (--shutdown-timeout)", millis(e.Exit.KilledAfterMs))
		}
		return fmt.Sprintf("app stopped (%s)", exitStatus(e.Exit))
	case KindError:
		return "error: " + e.Message
	}
	return ""
}

func (s *Describer) update(r *protocol.UpdateResult) string {
	paths := s.list(r.Paths)
	switch r.Type {
	case protocol.ResultSuccess:
		return fmt.Sprintf("hot update in %s: %s (%d re-evaluated, %d loaded)", millis(r.DurationMs), paths, len(r.Reevaluated), len(r.Loaded))
	case protocol.ResultSyntaxError:
		return fmt.Sprintf("syntax error at %s; the old code keeps running", s.location(r.Error))
	case protocol.ResultLinkError:
		return fmt.Sprintf("link error at %s; the old code keeps running", s.location(r.Error))
	case protocol.ResultEvaluationError:
		if r.NeedsRestart() {
			return "" // The restart line explains it.
		}
		return fmt.Sprintf("%s error at %s; the old code keeps running", r.Phase, s.location(r.Error))
	}
	// Declined and unaccepted updates are explained by the restart line that follows;
	// unknown variants are shown as they are.
	if r.NeedsRestart() {
		return ""
	}
	return fmt.Sprintf("update %s: %s", r.Type, paths)
}

func (s *Describer) restart(r *Restart) string {
	took := "restarted in " + millis(r.DurationMs)
	if !r.Ready {
		took = "restarted (not ready after " + millis(r.DurationMs) + ")"
	}
	switch r.Reason {
	case protocol.ReasonUnaccepted:
		return fmt.Sprintf("%s: %s", took, s.chain(r.Chain))
	case protocol.ReasonDeclined:
		if len(r.Chain) == 0 {
			return fmt.Sprintf("%s: %s", took, r.Message)
		}
		return fmt.Sprintf("%s: %s declined the update", took, s.chain(r.Chain))
	case protocol.ReasonDisposeError:
		if r.Error != nil && r.Message != "" && !strings.HasPrefix(r.Message, "a dispose handler threw") {
			return fmt.Sprintf("%s: %s", took, r.Message)
		}
		if r.Error != nil {
			return fmt.Sprintf("%s: a dispose handler threw at %s", took, s.location(r.Error))
		}
	case protocol.ReasonHandlerTimeout:
		if r.Error != nil {
			return fmt.Sprintf("%s: %s (registered at %s:%d:%d)", took, r.Error.Message, s.rel(r.Error.File), r.Error.Line, r.Error.Column)
		}
	case ReasonCrashed:
		return fmt.Sprintf("%s after the crash: %s changed", took, s.list(r.Paths))
	}
	if len(r.Chain) > 0 {
		return fmt.Sprintf("%s: %s: %s", took, r.Message, s.chain(r.Chain))
	}
	if r.Message != "" {
		return fmt.Sprintf("%s: %s", took, r.Message)
	}
	return took
}

// chain renders "src/db.ts -> src/main.ts (entry)".
func (s *Describer) chain(chain []string) string {
	if len(chain) == 0 {
		return "(no chain given)"
	}
	parts := make([]string, len(chain))
	for i, p := range chain {
		parts[i] = s.rel(p)
		if p == s.Entry && i == len(chain)-1 {
			parts[i] += " (entry)"
		}
	}
	return strings.Join(parts, " -> ")
}

func (s *Describer) list(paths []string) string {
	parts := make([]string, len(paths))
	for i, p := range paths {
		parts[i] = s.rel(p)
	}
	if len(parts) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(parts[:3], ", "), len(parts)-3)
	}
	return strings.Join(parts, ", ")
}

func (s *Describer) location(l *protocol.ErrorLocation) string {
	if l == nil {
		return "an unknown place"
	}
	return fmt.Sprintf("%s:%d:%d: %s", s.rel(l.File), l.Line, l.Column, l.Message)
}

// rel shows a path relative to Root when it lies inside it.
func (s *Describer) rel(path string) string {
	if s.Root == "" {
		return path
	}
	if rel, err := filepath.Rel(s.Root, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func exitStatus(e *Exit) string {
	if e.Signal != "" {
		return "killed by " + e.Signal
	}
	return fmt.Sprintf("exit code %d", e.Code)
}

func millis(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.1fms", ms)
	}
	return fmt.Sprintf("%.0fms", ms)
}

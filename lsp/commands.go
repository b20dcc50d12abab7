package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/analysis"
	hmrprotocol "github.com/hotswap/hotswap/hmr/protocol"
)

// The commands of workspace/executeCommand (lsp/PROTOCOL.md).
const (
	cmdStart     = "hotswap.start"
	cmdStop      = "hotswap.stop"
	cmdRestart   = "hotswap.restart"
	cmdPush      = "hotswap.push"
	cmdShowGraph = "hotswap.showGraph"
	cmdExplain   = "hotswap.explain"
)

// commandArgs is CommandArgs of lsp/events.d.ts.
type commandArgs struct {
	Folder string `json:"folder,omitempty"`
	URI    string `json:"uri,omitempty"`
	// Inspect ([host:]port, hotswap.start only) starts the app with node's inspector there; a
	// debugger attaches to it and every restart gets the same port back.
	Inspect string `json:"inspect,omitempty"`
	// InspectWait makes each process wait for a debugger before it runs any code, so that
	// breakpoints set before the start stop (node's --inspect-wait). hotswap.start then answers
	// only once a debugger attached or the driver stopped waiting.
	InspectWait bool `json:"inspectWait,omitempty"`
}

// nodeArgs are the extra node arguments the command asks for.
func (a commandArgs) nodeArgs() []string {
	switch {
	case a.Inspect == "":
		return nil
	case a.InspectWait:
		return []string{"--inspect-wait=" + a.Inspect}
	default:
		return []string{"--inspect=" + a.Inspect}
	}
}

// executeCommand runs one hotswap.* command. It runs outside the worker (the app may take
// seconds to start), so edits keep being analysed meanwhile.
func (s *Server) executeCommand(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	}
	if err := decodeParams(params, &p); err != nil {
		return nil, err
	}
	var args commandArgs
	// Lua clients (Neovim) encode an empty table as [], so an empty list counts as no argument.
	if len(p.Arguments) > 0 && strings.TrimSpace(string(p.Arguments[0])) != "[]" {
		if err := decodeParams(p.Arguments[0], &args); err != nil {
			return nil, err
		}
	}
	f, err := s.commandFolder(args)
	if err != nil {
		return nil, err
	}
	switch p.Command {
	case cmdStart:
		if a := f.currentApp(); a != nil && a.getState() == stateCrashed {
			// A crashed app waits for a change; starting it means starting it again now.
			return f.restartApp(ctx, a, "started again from the editor after a crash")
		}
		a, err := f.startApp(ctx, args.nodeArgs()...)
		if err != nil {
			return nil, err
		}
		return describeApp(f, a), nil
	case cmdStop:
		f.stopApp()
		return describeApp(f, nil), nil
	case cmdRestart:
		a := f.currentApp()
		if a == nil {
			if a, err = f.startApp(ctx); err != nil {
				return nil, err
			}
			return describeApp(f, a), nil
		}
		return f.restartApp(ctx, a, "restarted from the editor")
	case cmdPush:
		return s.pushUnsaved(ctx, f)
	case cmdShowGraph:
		return f.graphView(), nil
	case cmdExplain:
		if args.URI == "" {
			return nil, errInvalidParams{fmt.Errorf("%s needs { uri } of the file to explain", cmdExplain)}
		}
		ex := f.explain(pathOf(uri.URI(args.URI)))
		s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: ex.Markdown})
		return ex, nil
	}
	return nil, jsonrpc2InvalidCommand(p.Command)
}

// restartApp restarts the folder's running app a and answers with its state once the
// restart settled.
func (f *folder) restartApp(ctx context.Context, a *app, reason string) (any, error) {
	a.setState(stateStarting)
	if err := a.d.Restart(ctx, reason); err != nil {
		return nil, requestFailed("restarting %s: %v", f.rel(a.entry), err)
	}
	a.awaitSettled(5 * time.Second)
	return describeApp(f, a), nil
}

// commandFolder picks the folder a command acts on: the one named, the one holding uri, or
// the first.
func (s *Server) commandFolder(args commandArgs) (*folder, error) {
	if args.Folder != "" {
		if f := s.folderByURI(uri.URI(args.Folder)); f != nil {
			return f, nil
		}
		return nil, requestFailed("%s is not a workspace folder", args.Folder)
	}
	if args.URI != "" {
		path := pathOf(uri.URI(args.URI))
		if f := s.folderOf(path); f != nil {
			return f, nil
		}
		return nil, requestFailed("%s is in no workspace folder", path)
	}
	if folders := s.folderList(); len(folders) > 0 {
		return folders[0], nil
	}
	return nil, requestFailed("no workspace folder is open")
}

// explanation is Explanation of lsp/events.d.ts.
type explanation struct {
	analysis.Verdict
	Source   string `json:"source"`
	Markdown string `json:"markdown"`
}

// explain says in words why an edit to path is hot or restarts the app.
func (f *folder) explain(path string) explanation {
	v := f.verdictOf(path)
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n", v.Path, v.summary())
	switch v.Kind {
	case analysis.VerdictHot:
		fmt.Fprintf(&b, "An edit re-evaluates %s and the modules between it and %s, whose accept handlers take the new version; the rest of the app keeps running.", v.Path, strings.Join(v.AcceptedBy, ", "))
	case analysis.VerdictRestart:
		if v.Declined != "" {
			fmt.Fprintf(&b, "%s calls import.meta.hot.decline(), so the update stops there: %s.", v.Declined, strings.Join(v.Chain, " -> "))
		} else {
			fmt.Fprintf(&b, "No module on the way accepts the update: %s. Add import.meta.hot.accept() to one of them to make it hot.", strings.Join(v.Chain, " -> "))
		}
	default:
		b.WriteString("No entry imports this file, so the running app never loads it.")
	}
	if v.Source == sourceLive {
		b.WriteString("\n\n(from the running app's own graph)")
	} else {
		b.WriteString("\n\n(predicted by the static analysis)")
	}
	return explanation{Verdict: v.Verdict, Source: v.Source, Markdown: b.String()}
}

// graphModule is GraphModule of lsp/events.d.ts.
type graphModule struct {
	Path         string   `json:"path"`
	Verdict      string   `json:"verdict"`
	AcceptedBy   []string `json:"acceptedBy,omitempty"`
	Chain        []string `json:"chain,omitempty"`
	Entry        bool     `json:"entry,omitempty"`
	Dependencies []string `json:"dependencies"`
	Dependents   []string `json:"dependents"`
	Accepts      []string `json:"accepts,omitempty"`
	SelfAccept   bool     `json:"selfAccept"`
}

// graphView is GraphView of lsp/events.d.ts.
type graphView struct {
	Folder  string        `json:"folder"`
	Source  string        `json:"source"`
	Entries []string      `json:"entries"`
	Modules []graphModule `json:"modules"`
	DOT     string        `json:"dot"`
}

// graphView is the running app's graph while it runs, else the analysis's.
func (f *folder) graphView() graphView {
	view := graphView{Folder: string(f.uri), Source: sourceStatic, Entries: []string{}, Modules: []graphModule{}}
	ws := f.workspace()
	if ws == nil {
		return view
	}
	dump := ws.Graph()
	// One read of the live graph serves the whole view, so a graph the app reports meanwhile
	// cannot mix into it.
	g := f.liveGraph()
	if g != nil {
		view.Source = sourceLive
		view.Entries = []string{f.rel(g.Entry())}
		dump.Modules = dump.Modules[:0]
		for _, m := range g.Modules() {
			v := g.Verdict(m.Path)
			d := analysis.ModuleDump{Path: f.rel(m.Path), Verdict: v, Reloadable: v.Kind == analysis.VerdictHot,
				Entry: f.canonical(m.Path) == f.canonical(g.Entry()), Boundary: m.SelfAccept, Dependencies: []string{}, Dependents: []string{}}
			for _, imp := range m.Imports {
				if imp.Path != "" {
					d.Dependencies = append(d.Dependencies, f.rel(imp.Path))
				}
			}
			for _, imp := range m.Importers {
				d.Dependents = append(d.Dependents, f.rel(imp))
			}
			for _, acc := range m.Accepts {
				d.Accepts = append(d.Accepts, f.rel(acc))
			}
			sort.Strings(d.Dependencies)
			sort.Strings(d.Dependents)
			dump.Modules = append(dump.Modules, d)
		}
	} else {
		for _, e := range dump.Entries {
			view.Entries = append(view.Entries, e.Path)
		}
	}
	for _, m := range dump.Modules {
		selfAccept := false
		var lm *hmrprotocol.GraphModule
		if g != nil {
			lm = g.Module(f.abs(m.Path))
		}
		if lm != nil {
			selfAccept = lm.SelfAccept
		} else if fa := ws.Facts(f.abs(m.Path)); fa != nil {
			selfAccept = fa.SelfAccepts()
		}
		view.Modules = append(view.Modules, graphModule{Path: m.Path, Verdict: string(m.Verdict.Kind), AcceptedBy: m.Verdict.AcceptedBy,
			Chain: m.Verdict.Chain, Entry: m.Entry, Dependencies: m.Dependencies, Dependents: m.Dependents, Accepts: m.Accepts, SelfAccept: selfAccept})
	}
	view.DOT = dump.DOT()
	return view
}

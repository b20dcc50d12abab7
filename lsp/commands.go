package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/hotswap/hotswap/hmr/session"
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

// commandNames are the commands of lsp/PROTOCOL.md.
var commandNames = []string{cmdStart, cmdStop, cmdRestart, cmdPush, cmdShowGraph, cmdExplain}

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
// seconds to start), so edits keep being analysed meanwhile. The session's errors are the
// user's to fix, so they are answered as RequestFailed.
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
	var result any
	switch p.Command {
	case cmdStart:
		result, err = f.StartApp(ctx, args.nodeArgs()...)
	case cmdStop:
		result = f.StopApp()
	case cmdRestart:
		result, err = f.RestartApp(ctx)
	case cmdPush:
		result, err = f.Push(ctx)
	case cmdShowGraph:
		result = f.GraphView()
	case cmdExplain:
		if args.URI == "" {
			return nil, errInvalidParams{fmt.Errorf("%s needs { uri } of the file to explain", cmdExplain)}
		}
		_, path := s.fileOf(uri.URI(args.URI))
		ex := f.Explain(path)
		s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: ex.Markdown})
		result = ex
	default:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q; the commands are %v", p.Command, commandNames)
	}
	if err != nil {
		return nil, requestFailed("%v", err)
	}
	return result, nil
}

// commandFolder picks the folder a command acts on: the one named, the one holding uri, or
// the first.
func (s *Server) commandFolder(args commandArgs) (*session.Folder, error) {
	if args.Folder != "" {
		if f := s.sess.FolderAt(filepath.Clean(uri.URI(args.Folder).FsPath())); f != nil {
			return f, nil
		}
		return nil, requestFailed("%s is not a workspace folder", args.Folder)
	}
	if args.URI != "" {
		f, path := s.fileOf(uri.URI(args.URI))
		if f == nil {
			return nil, requestFailed("%s is in no workspace folder", path)
		}
		return f, nil
	}
	if folders := s.sess.Folders(); len(folders) > 0 {
		return folders[0], nil
	}
	return nil, requestFailed("no workspace folder is open")
}

package lsp

import "go.lsp.dev/protocol"

// clientCapabilities are the few client abilities the server looks at, read once from
// initialize so that no handler walks protocol.ClientCapabilities' optional pointers.
type clientCapabilities struct {
	workDoneProgress  bool
	codeLensRefresh   bool
	inlayHintRefresh  bool
	watchRegistration bool
}

// readClientCapabilities picks the abilities the server uses; an absent one is false.
func readClientCapabilities(c protocol.ClientCapabilities) clientCapabilities {
	var out clientCapabilities
	if c.Window != nil {
		out.workDoneProgress = isTrue(c.Window.WorkDoneProgress)
	}
	if w := c.Workspace; w != nil {
		if w.CodeLens != nil {
			out.codeLensRefresh = isTrue(w.CodeLens.RefreshSupport)
		}
		if w.InlayHint != nil {
			out.inlayHintRefresh = isTrue(w.InlayHint.RefreshSupport)
		}
		if w.DidChangeWatchedFiles != nil {
			out.watchRegistration = isTrue(w.DidChangeWatchedFiles.DynamicRegistration)
		}
	}
	return out
}

// serverCapabilities says what the server offers: full text sync with the text on save,
// hovers, code lenses, inlay hints, the commands of lsp/PROTOCOL.md and workspace folders.
func serverCapabilities() protocol.ServerCapabilities {
	full := protocol.TextDocumentSyncKindFull
	return protocol.ServerCapabilities{
		TextDocumentSync: &protocol.TextDocumentSyncOptions{
			OpenClose: ptr(true),
			Change:    &full,
			Save:      &protocol.SaveOptions{IncludeText: ptr(true)},
		},
		HoverProvider:          protocol.Boolean(true),
		CodeLensProvider:       &protocol.CodeLensOptions{},
		InlayHintProvider:      protocol.Boolean(true),
		ExecuteCommandProvider: protocol.ExecuteCommandOptions{Commands: commandNames},
		Workspace: &protocol.WorkspaceOptions{
			WorkspaceFolders: &protocol.WorkspaceFoldersServerCapabilities{Supported: ptr(true), ChangeNotifications: protocol.Boolean(true)},
		},
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

func ptr[T any](v T) *T { return &v }

// Package media holds the module graph view that the VS Code panel and `hotswap graph --html`
// share: the page template and the built bundle of vscode-extension/src/webview (ELK
// included). The bundle is committed, built by the extension's `npm run build`, so that go
// build needs no Node; the extension's unit tests check that it matches its sources.
package media

import _ "embed"

// GraphHTML is the page template; {{name}} placeholders are filled in once, in one pass.
//
//go:embed graph.html
var GraphHTML string

// GraphJS is the view's script, with no external references, safe to inline in a <script>.
//
//go:embed graph.js
var GraphJS string

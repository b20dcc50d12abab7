// Package analysis predicts, without running anything, which files of a Node.js app are hot
// (an edit is swapped into the running process) and which force a restart, by the rules of
// hmr/SEMANTICS.md. Open builds a Workspace from a project's entries; Update follows edits;
// Verdict, Findings and Graph answer the command line and the language server.
//
// The analysis reads files only through a FileSystem, so the language server can lay unsaved
// buffers over the disk. Module resolution (hmr/analysis/resolve) is the one exception: it
// reads package.json, tsconfig.json and directory listings from the disk through esbuild.
package analysis

// Package protocol implements the control channel of hmr/PROTOCOL.md: the Go types of every
// message a driver and the runtime exchange, and a newline-delimited JSON-RPC 2.0 connection
// that either side of the channel (hotswap run, the language server) can use.
package protocol

package lsp

import (
	"encoding/json"
	"reflect"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// wireCodec marshals the connection's payloads. Values of go.lsp.dev/protocol's generated
// types go through protocol.Marshal and protocol.Unmarshal, which know their unions (a
// hover's contents, an inlay hint's label). The server's own payloads (hotswap/event,
// command results) keep encoding/json, whose omitempty drops zero numbers and false the way
// lsp/events.d.ts and lsp/PROTOCOL.md promise; jsonrpc2's default JSON v2 codec would send
// them.
type wireCodec struct{}

// Marshal implements jsonrpc2.Codec.
func (wireCodec) Marshal(v any) ([]byte, error) {
	if raw, ok := v.(jsonrpc2.RawMessage); ok {
		if raw == nil {
			return []byte("null"), nil
		}
		return raw, nil
	}
	if isProtocolValue(v) {
		return protocol.Marshal(v)
	}
	return json.Marshal(v)
}

// Unmarshal implements jsonrpc2.Codec.
func (wireCodec) Unmarshal(data []byte, v any) error { return unmarshalWire(data, v) }

// unmarshalWire decodes into a protocol type with the protocol decoder, else encoding/json.
func unmarshalWire(data []byte, v any) error {
	if raw, ok := v.(*jsonrpc2.RawMessage); ok {
		*raw = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	if isProtocolValue(v) {
		return protocol.Unmarshal(data, v)
	}
	return json.Unmarshal(data, v)
}

// protocolPackage is the import path of the LSP types.
var protocolPackage = reflect.TypeFor[protocol.Position]().PkgPath()

// isProtocolValue reports whether v is a protocol type, or a pointer to, slice or map of one.
func isProtocolValue(v any) bool {
	if v == nil {
		return false
	}
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	return t.PkgPath() == protocolPackage
}

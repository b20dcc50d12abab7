// The language server's custom messages, from the one shared definition in lsp/events.d.ts.
// Everything here is a type, so bundling and Node's type stripping erase this file's import.
export type * from "../../lsp/events.d.ts";

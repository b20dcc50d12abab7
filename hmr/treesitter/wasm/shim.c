// shim.c is the WebAssembly module's whole interface: tree-sitter's API with every TSNode passed
// through a pointer, since WebAssembly functions take and return scalars only. The Go side
// (hmr/treesitter) calls these through wazero.
#include <stdlib.h>
#include <string.h>
#include "api.h"
#include "../nodes.h"

const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

#define EXPORT(name) __attribute__((export_name(#name)))

// hs_language returns the grammar by number: 0 JavaScript, 1 TypeScript, 2 TSX.
EXPORT(hs_language) const TSLanguage *hs_language(uint32_t which) {
  switch (which) {
  case 0: return tree_sitter_javascript();
  case 1: return tree_sitter_typescript();
  case 2: return tree_sitter_tsx();
  }
  return NULL;
}

EXPORT(hs_malloc) void *hs_malloc(uint32_t size) { return malloc(size); }
EXPORT(hs_free) void hs_free(void *p) { free(p); }

EXPORT(hs_parser_new) TSParser *hs_parser_new(const TSLanguage *language) {
  TSParser *p = ts_parser_new();
  if (!ts_parser_set_language(p, language)) {
    ts_parser_delete(p);
    return NULL;
  }
  return p;
}

EXPORT(hs_parse) TSTree *hs_parse(TSParser *p, const char *src, uint32_t len) {
  return ts_parser_parse_string(p, NULL, src, len);
}

EXPORT(hs_tree_delete) void hs_tree_delete(TSTree *t) { ts_tree_delete(t); }

EXPORT(hs_root) void hs_root(TSTree *t, TSNode *out) { *out = ts_tree_root_node(t); }

EXPORT(hs_info) void hs_info(const TSNode *n, Info *out) { hs_fill_info(*n, out); }

// hs_children writes up to cap children of n (named ones only if named is set), from the
// first-th on, as consecutive Entries, and returns how many it wrote.
EXPORT(hs_children) uint32_t hs_children(const TSNode *n, uint32_t named, uint32_t first, Entry *out, uint32_t cap) {
  return hs_fill_children(*n, named, first, out, sizeof(Entry), cap);
}

EXPORT(hs_symbol_name) const char *hs_symbol_name(const TSLanguage *l, uint32_t symbol) {
  return ts_language_symbol_name(l, (TSSymbol)symbol);
}

EXPORT(hs_child) void hs_child(const TSNode *n, uint32_t i, TSNode *out) { *out = ts_node_child(*n, i); }

EXPORT(hs_named_child) void hs_named_child(const TSNode *n, uint32_t i, TSNode *out) {
  *out = ts_node_named_child(*n, i);
}

EXPORT(hs_child_by_field_name) void hs_child_by_field_name(const TSNode *n, const char *name, uint32_t len, TSNode *out) {
  *out = ts_node_child_by_field_name(*n, name, len);
}

EXPORT(hs_parent) void hs_parent(const TSNode *n, TSNode *out) { *out = ts_node_parent(*n); }

EXPORT(hs_named_descendant_for_point_range) void hs_named_descendant_for_point_range(
    const TSNode *n, uint32_t sr, uint32_t sc, uint32_t er, uint32_t ec, TSNode *out) {
  *out = ts_node_named_descendant_for_point_range(*n, (TSPoint){sr, sc}, (TSPoint){er, ec});
}

// hs_query_new compiles a query; on failure it returns NULL and leaves the offset and the
// error kind in err[0] and err[1].
EXPORT(hs_query_new) TSQuery *hs_query_new(const TSLanguage *l, const char *src, uint32_t len, uint32_t *err) {
  TSQueryError kind = TSQueryErrorNone;
  TSQuery *q = ts_query_new(l, src, len, &err[0], &kind);
  err[1] = (uint32_t)kind;
  return q;
}

EXPORT(hs_query_delete) void hs_query_delete(TSQuery *q) { ts_query_delete(q); }

EXPORT(hs_capture_count) uint32_t hs_capture_count(const TSQuery *q) { return ts_query_capture_count(q); }

EXPORT(hs_capture_name) const char *hs_capture_name(const TSQuery *q, uint32_t id, uint32_t *len) {
  return ts_query_capture_name_for_id(q, id, len);
}

EXPORT(hs_cursor_new) TSQueryCursor *hs_cursor_new(void) { return ts_query_cursor_new(); }
EXPORT(hs_cursor_delete) void hs_cursor_delete(TSQueryCursor *c) { ts_query_cursor_delete(c); }

EXPORT(hs_cursor_exec) void hs_cursor_exec(TSQueryCursor *c, const TSQuery *q, const TSNode *n) {
  ts_query_cursor_exec(c, q, *n);
}

EXPORT(hs_cursor_next_match) uint32_t hs_cursor_next_match(TSQueryCursor *c, TSQueryMatch *out) {
  return ts_query_cursor_next_match(c, out) ? 1 : 0;
}

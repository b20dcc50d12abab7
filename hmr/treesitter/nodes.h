// nodes.h is what both backends read about nodes in one call each: a node's Info, and a node's
// children with their Infos. wasm/shim.c exports it to the WebAssembly module and cgo.go calls
// it directly. It needs tree-sitter's API declared first (api.h, or tsapi.h for cgo).

// Info is everything the Go side reads about a node.
typedef struct Info {
  uint32_t symbol;
  uint32_t start_byte, end_byte;
  uint32_t start_row, start_column, end_row, end_column;
  uint32_t child_count, named_child_count;
  uint32_t flags; // 1 named, 2 missing, 4 error, 8 has error
} Info;

static void hs_fill_info(TSNode n, Info *out) {
  TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
  out->symbol = ts_node_symbol(n);
  out->start_byte = ts_node_start_byte(n);
  out->end_byte = ts_node_end_byte(n);
  out->start_row = s.row;
  out->start_column = s.column;
  out->end_row = e.row;
  out->end_column = e.column;
  out->child_count = ts_node_child_count(n);
  out->named_child_count = ts_node_named_child_count(n);
  out->flags = (ts_node_is_named(n) ? 1 : 0) | (ts_node_is_missing(n) ? 2 : 0) |
               (ts_node_symbol(n) == (TSSymbol)-1 ? 4 : 0) | (ts_node_has_error(n) ? 8 : 0);
}

// Entry is a node with its Info, as hs_fill_children writes them.
typedef struct Entry {
  TSNode node;
  Info info;
} Entry;

// hs_fill_children writes n's children (only the named ones if named is set) from the first-th
// on, at most cap of them, as Entries stride bytes apart from out, and returns how many it
// wrote. One walk of a tree cursor visits the same children as ts_node_child does by index,
// without its rescans.
static uint32_t hs_fill_children(TSNode n, uint32_t named, uint32_t first, void *out, uint32_t stride, uint32_t cap) {
  uint32_t index = 0, count = 0;
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (named && !ts_node_is_named(child)) {
        continue;
      }
      if (index++ < first) {
        continue;
      }
      if (count == cap) {
        break;
      }
      Entry *e = (Entry *)((char *)out + (size_t)count * stride);
      e->node = child;
      hs_fill_info(child, &e->info);
      count++;
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return count;
}

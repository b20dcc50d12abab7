//go:build !cgo || hotswap_wasm

package treesitter

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Backend names the implementation in use, for benchmarks and version output.
const Backend = "wasm"

// treesitterWasm is wasm/build.sh's output: tree-sitter and the three grammars, gzipped.
//
//go:embed treesitter.wasm.gz
var treesitterWasm []byte

// engine is the compiled module, shared by every instance.
type engine struct {
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	mu       sync.Mutex
	idle     []*instance
}

var (
	engineOnce sync.Once
	theEngine  *engine
	engineErr  error
)

// cacheDir is where wazero keeps the machine code it compiled the module to, so that only the
// first run on a machine pays for compiling it. An empty result turns the cache off.
func cacheDir() string {
	if dir := os.Getenv("HOTSWAP_WASM_CACHE"); dir != "" {
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "hotswap", "wazero")
}

// getEngine compiles the module on first use.
func getEngine() (*engine, error) {
	engineOnce.Do(func() {
		ctx := context.Background()
		config := wazero.NewRuntimeConfig()
		if dir := cacheDir(); dir != "" {
			if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				config = config.WithCompilationCache(cache)
			}
		}
		zr, err := gzip.NewReader(bytes.NewReader(treesitterWasm))
		if err != nil {
			engineErr = fmt.Errorf("tree-sitter module: %w", err)
			return
		}
		code, err := io.ReadAll(zr)
		if err != nil {
			engineErr = fmt.Errorf("tree-sitter module: %w", err)
			return
		}
		e := &engine{runtime: wazero.NewRuntimeWithConfig(ctx, config)}
		if _, err := wasi_snapshot_preview1.Instantiate(ctx, e.runtime); err != nil {
			engineErr = fmt.Errorf("tree-sitter module: wasi: %w", err)
			return
		}
		if e.compiled, err = e.runtime.CompileModule(ctx, code); err != nil {
			engineErr = fmt.Errorf("tree-sitter module: compiling: %w", err)
			return
		}
		theEngine = e
	})
	return theEngine, engineErr
}

// instance is one instantiation of the module: its own memory, parsers and compiled queries.
// WebAssembly code is single-threaded, so an instance serves one goroutine at a time; a Tree
// holds its instance until it is closed.
type instance struct {
	mod   api.Module
	mem   api.Memory
	stack [8]uint64
	// scratch is memory the calls pass nodes, infos and matches through; batch holds
	// batchSize Entries, for Children.
	scratch uint32
	batch   uint32
	langs   [3]uint32
	parsers [3]uint32
	names   [3]map[uint32]string
	queries map[*Query]uint32

	language, malloc, free, parserNew, parse, treeDelete, root, info, symbolName,
	child, namedChild, children, childByFieldName, parent, namedDescendant,
	queryNew, captureCount, captureName, cursorNew, cursorDelete, cursorExec, cursorNextMatch api.Function
}

// Offsets into an instance's scratch memory.
const (
	scratchNodeIn  = 0   // a TSNode argument (24 bytes)
	scratchNodeOut = 32  // a TSNode result (24 bytes)
	scratchInfo    = 64  // an Info (40 bytes)
	scratchMatch   = 112 // a TSQueryMatch (12 bytes)
	scratchErr     = 128 // two uint32: a query error's offset and kind
	scratchLen     = 136 // a uint32 length
	scratchText    = 144 // short strings such as field names (112 bytes)
	scratchSize    = 256
)

// batchSize is how many children one call of hs_children returns at most.
const batchSize = 64

// acquire takes an idle instance or makes a new one.
func acquire() (*instance, error) {
	e, err := getEngine()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	if n := len(e.idle); n > 0 {
		in := e.idle[n-1]
		e.idle = e.idle[:n-1]
		e.mu.Unlock()
		return in, nil
	}
	e.mu.Unlock()
	return newInstance(e)
}

// release gives an instance back for the next parse.
func release(in *instance) {
	theEngine.mu.Lock()
	theEngine.idle = append(theEngine.idle, in)
	theEngine.mu.Unlock()
}

func newInstance(e *engine) (*instance, error) {
	ctx := context.Background()
	mod, err := e.runtime.InstantiateModule(ctx, e.compiled,
		wazero.NewModuleConfig().WithName("").WithStartFunctions("_initialize"))
	if err != nil {
		return nil, fmt.Errorf("tree-sitter module: instantiating: %w", err)
	}
	in := &instance{mod: mod, mem: mod.Memory(), queries: map[*Query]uint32{}}
	for _, f := range []struct {
		fn   *api.Function
		name string
	}{
		{&in.language, "hs_language"}, {&in.malloc, "hs_malloc"}, {&in.free, "hs_free"},
		{&in.parserNew, "hs_parser_new"}, {&in.parse, "hs_parse"}, {&in.treeDelete, "hs_tree_delete"},
		{&in.root, "hs_root"}, {&in.info, "hs_info"}, {&in.symbolName, "hs_symbol_name"},
		{&in.child, "hs_child"}, {&in.namedChild, "hs_named_child"}, {&in.children, "hs_children"},
		{&in.childByFieldName, "hs_child_by_field_name"}, {&in.parent, "hs_parent"},
		{&in.namedDescendant, "hs_named_descendant_for_point_range"},
		{&in.queryNew, "hs_query_new"}, {&in.captureCount, "hs_capture_count"},
		{&in.captureName, "hs_capture_name"},
		{&in.cursorNew, "hs_cursor_new"}, {&in.cursorDelete, "hs_cursor_delete"},
		{&in.cursorExec, "hs_cursor_exec"}, {&in.cursorNextMatch, "hs_cursor_next_match"},
	} {
		if *f.fn = mod.ExportedFunction(f.name); *f.fn == nil {
			return nil, fmt.Errorf("tree-sitter module: no export %s", f.name)
		}
	}
	in.scratch = uint32(in.call(in.malloc, scratchSize))
	in.batch = uint32(in.call(in.malloc, batchSize*entrySize))
	for i := range in.langs {
		in.langs[i] = uint32(in.call(in.language, uint64(i)))
		in.names[i] = map[uint32]string{}
	}
	return in, nil
}

// call runs an exported function. The module's functions cannot fail short of a bug that
// corrupts its memory, after which nothing it returns can be trusted: that panics.
func (in *instance) call(fn api.Function, params ...uint64) uint64 {
	copy(in.stack[:], params)
	if err := fn.CallWithStack(context.Background(), in.stack[:]); err != nil {
		panic(fmt.Sprintf("tree-sitter module: %v", err))
	}
	return in.stack[0]
}

func (in *instance) u32(offset uint32) uint32 {
	v, _ := in.mem.ReadUint32Le(offset)
	return v
}

// cString reads a NUL-terminated string.
func (in *instance) cString(ptr uint32) string {
	if ptr == 0 {
		return ""
	}
	buf, _ := in.mem.Read(ptr, in.mem.Size()-ptr)
	if i := bytes.IndexByte(buf, 0); i >= 0 {
		buf = buf[:i]
	}
	return string(buf)
}

// bytesIn copies data into fresh module memory, which the caller frees.
func (in *instance) bytesIn(data []byte) uint32 {
	ptr := uint32(in.call(in.malloc, uint64(len(data)+1)))
	if ptr == 0 {
		panic("tree-sitter module: out of memory")
	}
	in.mem.Write(ptr, data)
	in.mem.WriteByte(ptr+uint32(len(data)), 0)
	return ptr
}

// typeName is the node type of a symbol, cached per language.
func (in *instance) typeName(lang int, symbol uint32) string {
	if name, ok := in.names[lang][symbol]; ok {
		return name
	}
	name := in.cString(uint32(in.call(in.symbolName, uint64(in.langs[lang]), uint64(symbol))))
	in.names[lang][symbol] = name
	return name
}

package analysis

import (
	"runtime/debug"
	"sync"
)

// bulkGCPercent is the garbage collector's target while many files load at once. A load makes
// garbage fast (file contents, parse-tree wrappers, query matches) and keeps little of it: at
// Go's default of 100 the collector took about a tenth of a 10,000-module open, and at 400 the
// open is 40-70 ms faster for 40-60 MB more peak heap (bench/analysis). esbuild turns its
// collector off for a whole build for the same reason; a language server lives on, so this
// only lasts for the load.
const bulkGCPercent = 400

// bulkLoadMin is the number of files from which a load raises the target: an edit's few
// files make too little garbage to matter.
const bulkLoadMin = 256

var bulkGC struct {
	sync.Mutex
	depth int
	saved int
}

// raiseGCForBulkLoad raises the collector's target for a load of n files and returns what
// lowers it again. Overlapping loads share one raise; a target the user set higher (or off,
// with GOGC=off) is kept.
func raiseGCForBulkLoad(n int) (restore func()) {
	if n < bulkLoadMin {
		return func() {}
	}
	bulkGC.Lock()
	defer bulkGC.Unlock()
	if bulkGC.depth == 0 {
		bulkGC.saved = debug.SetGCPercent(bulkGCPercent)
		if bulkGC.saved < 0 || bulkGC.saved > bulkGCPercent {
			debug.SetGCPercent(bulkGC.saved)
		}
	}
	bulkGC.depth++
	return func() {
		bulkGC.Lock()
		defer bulkGC.Unlock()
		if bulkGC.depth--; bulkGC.depth == 0 {
			debug.SetGCPercent(bulkGC.saved)
		}
	}
}

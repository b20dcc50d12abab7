package analysis

import (
	"runtime/debug"
	"testing"
)

func TestBulkLoadRaisesTheGCTargetAndRestoresIt(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	percent := func() int { p := debug.SetGCPercent(0); debug.SetGCPercent(p); return p }

	if restore := raiseGCForBulkLoad(bulkLoadMin - 1); percent() != 100 {
		t.Errorf("a small load raised the target to %d", percent())
	} else {
		restore()
	}
	outer := raiseGCForBulkLoad(bulkLoadMin)
	inner := raiseGCForBulkLoad(bulkLoadMin)
	if got := percent(); got != bulkGCPercent {
		t.Errorf("during a bulk load the target is %d, want %d", got, bulkGCPercent)
	}
	inner()
	if got := percent(); got != bulkGCPercent {
		t.Errorf("the first of two overlapping loads to end lowered the target to %d", got)
	}
	outer()
	if got := percent(); got != 100 {
		t.Errorf("after the loads the target is %d, want 100", got)
	}

	// GOGC=off stays off.
	debug.SetGCPercent(-1)
	restore := raiseGCForBulkLoad(bulkLoadMin)
	if got := percent(); got != -1 {
		t.Errorf("with the collector off a load set the target to %d", got)
	}
	restore()
	if got := percent(); got != -1 {
		t.Errorf("with the collector off, after a load the target is %d", got)
	}
}

package analysis

import (
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/hotswap/hotswap/hmr/analysis/facts"
	"github.com/hotswap/hotswap/hmr/analysis/factscache"
)

// countingCache counts the facts a run had to parse.
type countingCache struct {
	*factscache.Cache
	stored atomic.Int64
}

func (c *countingCache) Store(name string, src []byte, f *facts.Facts) {
	c.stored.Add(1)
	c.Cache.Store(name, src, f)
}

// Every fixture analysed from cached facts gives the verdicts and findings that parsing gives,
// and a second run over unchanged files parses none of them.
func TestFixturesFromCachedFacts(t *testing.T) {
	cacheDir := t.TempDir()
	for _, dir := range verdictCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			entries := []string{loadExpected(t, dir).Entry}
			w, err := Open(OSFS{}, dir, entries)
			if err != nil {
				t.Fatal(err)
			}
			wantVerdicts, wantFindings := w.Verdicts(), w.AllFindings()
			w.Close()
			for run := 0; run < 2; run++ {
				cache := &countingCache{Cache: factscache.Open(cacheDir, dir)}
				w, err := OpenCached(OSFS{}, dir, entries, cache)
				if err != nil {
					t.Fatal(err)
				}
				if got := w.Verdicts(); !reflect.DeepEqual(got, wantVerdicts) {
					t.Errorf("run %d: verdicts %+v, want %+v", run, got, wantVerdicts)
				}
				if got := w.AllFindings(); !reflect.DeepEqual(got, wantFindings) {
					t.Errorf("run %d: findings %+v, want %+v", run, got, wantFindings)
				}
				w.Close()
				if run == 0 && cache.stored.Load() == 0 {
					t.Error("the first run parsed nothing")
				}
				if run == 1 && cache.stored.Load() > 0 {
					t.Errorf("the second run parsed %d files", cache.stored.Load())
				}
				if err := cache.Save(); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

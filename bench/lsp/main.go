// Command lsp-bench measures `hotswap lsp` the way an editor sees it, over an in-memory pipe:
// the time from initialize to the first and to the last published diagnostics of generated
// 1,000- and 10,000-module workspaces, and the latency from a didChange of an unsaved buffer
// to the diagnostics of that file (goal: at most 50 ms at 10,000 modules), with pauses between
// edits of 0 to 600 ms so that some edits meet the background pass over the whole folder.
// It prints a table.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	sizes := flag.String("sizes", "1000,10000", "workspace sizes, in modules")
	edits := flag.Int("edits", 30, "didChange edits timed per workspace")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run here")
	flag.Parse()
	if *profile != "" {
		out, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lsp-bench:", err)
			os.Exit(1)
		}
		_ = pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("%-8s %-22s %-22s %-14s %-14s %-14s\n", "modules", "first diagnostics", "all diagnostics", "edit p50", "edit p95", "edit max")
	for _, field := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil {
			fmt.Fprintln(os.Stderr, "lsp-bench: bad size:", field)
			os.Exit(2)
		}
		r, err := measure(n, *edits)
		if err != nil {
			fmt.Fprintf(os.Stderr, "lsp-bench: %d modules: %v\n", n, err)
			return
		}
		sort.Slice(r.edits, func(i, j int) bool { return r.edits[i] < r.edits[j] })
		fmt.Printf("%-8d %-22s %-22s %-14s %-14s %-14s\n", n, ms(r.first), ms(r.all),
			ms(percentile(r.edits, 50)), ms(percentile(r.edits, 95)), ms(r.edits[len(r.edits)-1]))
	}
}

// percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

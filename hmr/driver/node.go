package driver

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// MinNode is the oldest Node.js release the runtime works on (module.registerHooks).
var MinNode = [3]int{22, 15, 0}

// CheckNode runs `node --version` and returns the version, or an error that names the node
// binary and says how to pick another (with --node) when it is missing or older than MinNode.
func CheckNode(ctx context.Context, node string) (string, error) {
	return checkNode(ctx, node, "--node")
}

// checkNode is CheckNode where option names how the user picks another node: a flag or a
// setting.
func checkNode(ctx context.Context, node, option string) (string, error) {
	path, err := exec.LookPath(node)
	if err != nil {
		return "", fmt.Errorf("node not found (%s): install Node.js %s or newer, or pass its path with %s", node, versionString(MinNode), option)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("%s --version failed: %v; pass a working Node.js with %s", path, err, option)
	}
	version := strings.TrimSpace(string(out))
	parsed, ok := parseVersion(version)
	if !ok {
		return "", fmt.Errorf("%s --version printed %q, which is not a Node.js version; pass a Node.js binary with %s", path, version, option)
	}
	if less(parsed, MinNode) {
		return version, fmt.Errorf("%s is Node.js %s, but hotswap needs %s or newer: install a newer Node.js or pass its path with %s", path, version, versionString(MinNode), option)
	}
	return version, nil
}

// parseVersion reads "v22.15.0" into its three numbers.
func parseVersion(v string) ([3]int, bool) {
	var out [3]int
	parts := strings.SplitN(strings.TrimPrefix(v, "v"), ".", 3)
	if len(parts) != 3 {
		return out, false
	}
	for i, p := range parts {
		// Pre-release suffixes ("-nightly...") do not change the ordering we need.
		p, _, _ = strings.Cut(p, "-")
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func versionString(v [3]int) string { return fmt.Sprintf("v%d.%d.%d", v[0], v[1], v[2]) }

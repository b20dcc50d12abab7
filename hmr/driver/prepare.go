package driver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// PrepareOptions name what an app start needs before anything runs.
type PrepareOptions struct {
	// Entry is the file to run, absolute or relative to the working directory.
	Entry string
	// Node is the node binary; Runtime the runtime's register.js, or empty to find it.
	Node, Runtime string
	// NodeOption names how the user picks another node ("--node", or a setting), so that the
	// error of a missing or old node names the fix where the user can apply it.
	NodeOption string
}

// Prepared is what Prepare checked: the entry as an absolute path with its symbolic links
// resolved, the node and its version, and the runtime found for the entry.
type Prepared struct {
	Entry, Node, NodeVersion, Runtime string
}

// Prepare checks what starting an app needs, in the order the user would fix it: the entry
// is a file, node is new enough for the runtime (MinNode), and a runtime is found. `hotswap
// run` and the language server both call it, so both name the same problems and fixes.
func Prepare(ctx context.Context, o PrepareOptions) (Prepared, error) {
	entry, err := filepath.Abs(o.Entry)
	if err != nil {
		return Prepared{}, err
	}
	if info, err := os.Stat(entry); err != nil {
		return Prepared{}, fmt.Errorf("entry %s does not exist", entry)
	} else if info.IsDir() {
		return Prepared{}, fmt.Errorf("entry %s is a directory; name the file to run", entry)
	}
	// Node runs the main module by its real path, and the runtime names every module so: the
	// entry and the folder watched beside it must be named the same way, or no edit matches a
	// module. On Windows this also gives the drive letter and every name their case on disk.
	if real, err := filepath.EvalSymlinks(entry); err == nil {
		entry = real
	}
	option := o.NodeOption
	if option == "" {
		option = "--node"
	}
	version, err := checkNode(ctx, o.Node, option)
	if err != nil {
		return Prepared{}, err
	}
	runtime, err := FindRuntime(o.Runtime, entry)
	if err != nil {
		return Prepared{}, err
	}
	return Prepared{Entry: entry, Node: o.Node, NodeVersion: version, Runtime: runtime}, nil
}

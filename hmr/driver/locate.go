package driver

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// RuntimeEnv is the environment variable that names the runtime's register.js.
const RuntimeEnv = "HOTSWAP_RUNTIME"

// LauncherRuntimeEnv is set by the npm package's launcher (npm/launcher.js) to the runtime in
// the package it runs from, so an installed binary loads the runtime it was installed with.
const LauncherRuntimeEnv = "HOTSWAP_LAUNCHER_RUNTIME"

// installedRuntime finds register.js in an installed hotswap package: where its package.json
// maps "./register", else at the package's root.
func installedRuntime(pkg string) (string, bool) {
	candidates := []string{filepath.Join(pkg, "register.js")}
	if data, err := os.ReadFile(filepath.Join(pkg, "package.json")); err == nil {
		var manifest struct {
			Exports map[string]json.RawMessage `json:"exports"`
		}
		if json.Unmarshal(data, &manifest) == nil {
			if target := exportTarget(manifest.Exports["./register"]); target != "" {
				candidates = append([]string{filepath.Join(pkg, filepath.FromSlash(target))}, candidates...)
			}
		}
	}
	return firstFile(candidates...)
}

// firstFile returns the first of files that exists and is not a directory.
func firstFile(files ...string) (string, bool) {
	for _, file := range files {
		if info, err := os.Stat(file); err == nil && !info.IsDir() {
			return file, true
		}
	}
	return "", false
}

// exportTarget reads an exports entry: a path, or conditions of which import, node or
// default apply to `node --import`.
func exportTarget(raw json.RawMessage) string {
	var target string
	if json.Unmarshal(raw, &target) == nil {
		return target
	}
	var conditions map[string]json.RawMessage
	if json.Unmarshal(raw, &conditions) != nil {
		return ""
	}
	for _, name := range []string{"import", "node", "default"} {
		if t := exportTarget(conditions[name]); t != "" {
			return t
		}
	}
	return ""
}

// FindRuntime returns the absolute path of the runtime's register.js. It tries, in order:
// flag (a file or the runtime directory), $HOTSWAP_RUNTIME, the runtime of the npm package whose
// launcher started the binary ($HOTSWAP_LAUNCHER_RUNTIME), node_modules/hotswap (its
// "./register" export) in the entry's directory or any parent, the checkout the executable
// was built in (bin/hotswap -> ../hmr/runtime), the runtime shipped beside the executable
// (the VS Code extension's bin/hotswap -> ../runtime), and the checkout holding the working
// directory (go run and test binaries live in a temporary directory).
func FindRuntime(flag, entry string) (string, error) {
	if flag != "" {
		return runtimeAt(flag, "--runtime")
	}
	if env := os.Getenv(RuntimeEnv); env != "" {
		return runtimeAt(env, RuntimeEnv)
	}
	if env := os.Getenv(LauncherRuntimeEnv); env != "" {
		return runtimeAt(env, LauncherRuntimeEnv)
	}
	if entry != "" {
		if abs, err := filepath.Abs(entry); err == nil {
			for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
				if found, ok := installedRuntime(filepath.Join(dir, "node_modules", "hotswap")); ok {
					return found, nil
				}
				if dir == filepath.Dir(dir) {
					break
				}
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		if found, ok := runtimeBeside(exe); ok {
			return found, nil
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				if found, ok := firstFile(filepath.Join(dir, "hmr", "runtime", "register.js")); ok {
					return found, nil
				}
			}
			if dir == filepath.Dir(dir) {
				break
			}
		}
	}
	return "", fmt.Errorf("hotswap runtime not found: pass --runtime /path/to/register.js or set %s (looked in the entry's node_modules/hotswap and next to the executable)", RuntimeEnv)
}

// runtimeBeside finds register.js relative to the executable: in the checkout it was built in,
// or in the runtime folder a packaged extension ships beside its bin folder.
func runtimeBeside(exe string) (string, bool) {
	bin := filepath.Dir(exe)
	return firstFile(filepath.Join(bin, "..", "hmr", "runtime", "register.js"), filepath.Join(bin, "..", "runtime", "register.js"))
}

// runtimeAt accepts a register.js file or a directory holding one.
func runtimeAt(path, source string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("%s: runtime %s does not exist", source, abs)
		}
		return "", fmt.Errorf("%s: %w", source, err)
	}
	if info.IsDir() {
		return runtimeAt(filepath.Join(abs, "register.js"), source)
	}
	return abs, nil
}

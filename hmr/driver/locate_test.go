package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func makeRuntime(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "register.js")
	if err := os.WriteFile(file, []byte("// runtime\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestFindRuntimeOrder(t *testing.T) {
	base := t.TempDir()
	fromFlag := makeRuntime(t, filepath.Join(base, "flag"))
	fromEnv := makeRuntime(t, filepath.Join(base, "env"))
	fromLauncher := makeRuntime(t, filepath.Join(base, "launcher", "hmr", "runtime"))
	// An installed package maps "./register" to hmr/runtime/register.js, as ours does.
	pkg := filepath.Join(base, "project", "node_modules", "hotswap")
	fromModules := makeRuntime(t, filepath.Join(pkg, "hmr", "runtime"))
	manifest := `{"name":"hotswap","exports":{".":"./hmr/runtime/index.js","./register":"./hmr/runtime/register.js"}}`
	if err := os.WriteFile(filepath.Join(pkg, "package.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	entry := filepath.Join(base, "project", "src", "deep", "main.ts")

	if got, err := FindRuntime(filepath.Dir(fromFlag), entry); err != nil || got != fromFlag {
		t.Fatalf("flag directory: %q, %v", got, err)
	}
	t.Setenv(RuntimeEnv, fromEnv)
	if got, err := FindRuntime("", entry); err != nil || got != fromEnv {
		t.Fatalf("env: %q, %v", got, err)
	}
	// The npm launcher's runtime comes after an explicit HOTSWAP_RUNTIME, before the entry's.
	t.Setenv(LauncherRuntimeEnv, fromLauncher)
	if got, err := FindRuntime("", entry); err != nil || got != fromEnv {
		t.Fatalf("env beside the launcher's: %q, %v", got, err)
	}
	t.Setenv(RuntimeEnv, "")
	if got, err := FindRuntime("", entry); err != nil || got != fromLauncher {
		t.Fatalf("launcher: %q, %v", got, err)
	}
	t.Setenv(LauncherRuntimeEnv, "")
	if got, err := FindRuntime("", entry); err != nil || got != fromModules {
		t.Fatalf("node_modules: %q, %v", got, err)
	}
	// Without any of those, a test binary finds the runtime of the checkout it runs in.
	got, err := FindRuntime("", filepath.Join(base, "elsewhere", "main.js"))
	if err != nil || got != filepath.Join(repoRoot(t), "hmr", "runtime", "register.js") {
		t.Fatalf("checkout: %q, %v", got, err)
	}
}

func TestFindRuntimeMissingFlagNamesThePath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := FindRuntime(missing, "")
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "--runtime") {
		t.Fatalf("error = %v", err)
	}
}

func TestCheckNodeVersions(t *testing.T) {
	dir := t.TempDir()
	for version, ok := range map[string]bool{"v22.14.0": false, "v22.15.0": true, "v26.10.0": true, "v20.0.0": false} {
		node := filepath.Join(dir, "node-"+version)
		if err := os.WriteFile(node, []byte("#!/bin/sh\necho "+version+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		got, err := CheckNode(t.Context(), node)
		if got != version || (err == nil) != ok {
			t.Errorf("%s: %q, %v", version, got, err)
		}
		if err != nil && (!strings.Contains(err.Error(), node) || !strings.Contains(err.Error(), "--node")) {
			t.Errorf("%s: error does not name the binary and the fix: %v", version, err)
		}
	}
	if _, err := CheckNode(t.Context(), filepath.Join(dir, "missing-node")); err == nil || !strings.Contains(err.Error(), "--node") {
		t.Errorf("missing node: %v", err)
	}
}

func TestRuntimeBesideFindsThePackagedExtensionLayout(t *testing.T) {
	root := t.TempDir()
	exe := filepath.Join(root, "bin", "hotswap")
	register := filepath.Join(root, "runtime", "register.js")
	for _, file := range []string{exe, register} {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok := runtimeBeside(exe); !ok || got != register {
		t.Fatalf("runtimeBeside(%s) = %q, %v; want %q", exe, got, ok, register)
	}
	if got, ok := runtimeBeside(filepath.Join(t.TempDir(), "bin", "hotswap")); ok {
		t.Fatalf("runtimeBeside found %q where there is no runtime", got)
	}
}

# The project's single entry point. `make run` and `make test` are the README's two commands;
# each sets up what it needs: Go modules, npm packages and the pinned Node.js versions.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO ?= go
# Pinned Node versions come from the npm registry; see scripts/node.sh.
NODE_LTS = $(shell scripts/node.sh lts)
NODE_OLDEST = $(shell scripts/node.sh oldest)
# Named before any rule uses it: make expands a rule's prerequisites as it reads the rule.
EXT = vscode-extension

.PHONY: help setup build run test test-go test-types test-runtime test-extension package-extension e2e bench clean dist test-dist wasm test-wasm

help:
	@echo "make run     run the example app under hot reloading (Ctrl-C to stop)"
	@echo "make test    run every test (Go, runtime on Node LTS and oldest, extension)"
	@echo "make bench   run the benchmarks and print their tables"

# `npm install` rather than `npm ci`: npm leaves other platforms' optional native bindings out of
# the lock file, which `npm ci` then rejects; install still follows the lock file's versions.
node_modules/.package-lock.json: package.json package-lock.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

setup: node_modules/.package-lock.json
	@scripts/node.sh lts >/dev/null
	@scripts/node.sh oldest >/dev/null
	$(GO) mod download

build: setup
	$(GO) build -o bin/hotswap ./cmd/hotswap

# `hotswap run` with no entry copies the embedded example to a temporary folder, runs it under
# the runtime on the pinned Node and prints which file to edit.
run: build
	bin/hotswap run --node "$(NODE_LTS)"

test: test-nvim test-go test-wasm test-types test-runtime test-extension test-dist

test-go: setup
	HOTSWAP_NODE="$(NODE_LTS)" $(GO) test -count=1 ./...
	@# The analysis once more on the WebAssembly backend (what release binaries use): both must agree.
	$(GO) test -count=1 -tags hotswap_wasm ./hmr/treesitter/... ./hmr/analysis/...

# tree-sitter and its grammars as WebAssembly, from the C sources of the go-tree-sitter module
# in go.mod (needs clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 from Debian). The output
# is committed so that go build needs no C toolchain; rebuild it after bumping that module.
wasm:
	hmr/treesitter/wasm/build.sh hmr/treesitter/treesitter.wasm.gz

# The committed treesitter.wasm.gz must be what `make wasm` builds from go.mod's sources (the
# build is reproducible); installs Debian's WebAssembly toolchain when it is missing.
test-wasm: setup
	command -v wasm-ld >/dev/null && test -e /usr/lib/wasm32-wasi/libc.a && ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null || \
	  (apt-get update && apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32)
	hmr/treesitter/wasm/build.sh "$${TMPDIR:-/tmp}/hotswap-treesitter.wasm.gz"
	cmp "$${TMPDIR:-/tmp}/hotswap-treesitter.wasm.gz" hmr/treesitter/treesitter.wasm.gz || \
	  (echo "hmr/treesitter/treesitter.wasm.gz is stale: run make wasm and commit it" && exit 1)

# The release: npm tarballs and .vsix files for every platform in dist/ (scripts/dist.mjs).
dist: setup $(EXT)/node_modules/.package-lock.json
	PATH="$(dir $(NODE_LTS)):$$PATH" GO="$(GO)" node scripts/dist.mjs

# The release as users get it, for linux-x64 and linux-arm64 only (all six platforms' .vsix
# files take minutes): npm tarballs installed into a fresh project and run through npx without
# Go, the arm64 binary under qemu-user against the native one (both built with cgo by Zig, which
# scripts/zig.sh installs into .cache/); then the other platforms must at least build and vet.
test-dist: setup
	command -v qemu-aarch64-static && test -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 || \
	  (apt-get update && apt-get install -y qemu-user-static libc6-arm64-cross)
	PATH="$(dir $(NODE_LTS)):$$PATH" GO="$(GO)" node scripts/dist.mjs --targets linux-x64,linux-arm64 --no-vsix
	PATH="$(dir $(NODE_LTS)):$$PATH" "$(NODE_LTS)" --test --test-timeout=300000 --test-reporter=spec npm/test/dist.test.mjs
	for target in darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do \
	  CGO_ENABLED=0 GOOS=$${target%/*} GOARCH=$${target#*/} $(GO) build -o /dev/null ./cmd/hotswap; \
	done
	GOOS=windows CGO_ENABLED=0 $(GO) vet ./...

# Neovim's own LSP client drives `hotswap lsp` end to end (cmd/hotswap/lsp_test.go). It runs
# first and installs nvim from Debian when missing, so that test-go under CI=true finds it too.
test-nvim: setup
	command -v nvim || (apt-get update && apt-get install -y neovim)
	CI=true HOTSWAP_NODE="$(NODE_LTS)" $(GO) test -count=1 -run TestNeovimEndToEnd ./cmd/hotswap

# The runtime's JSDoc types, checked by tsc (hmr/runtime/jsconfig.json; test/ is not checked).
test-types: setup
	PATH="$(dir $(NODE_LTS)):$$PATH" npx --no-install tsc -p hmr/runtime/jsconfig.json

# Runtime tests run on both Node lines we promise: the current LTS and the oldest supported.
test-runtime: setup
	@# The hot-hook tests' parents from npm (AdonisJS, @hot-hook/runner), installed once into .cache/.
	@PATH="$(dir $(NODE_LTS)):$$PATH" scripts/corpus.sh hot-hook >/dev/null
	@# node-hmr's README examples need express and jiti from the framework corpus.
	@PATH="$(dir $(NODE_LTS)):$$PATH" scripts/corpus.sh >/dev/null
	@for node in "$(NODE_LTS)" "$(NODE_OLDEST)"; do \
	  echo "== runtime tests on Node $$($$node --version)"; \
	  "$$node" --test --test-concurrency=2 --test-reporter=spec "hmr/runtime/test/**/*.test.js"; \
	done

$(EXT)/node_modules/.package-lock.json: $(EXT)/package.json $(EXT)/package-lock.json
	npm --prefix $(EXT) install --no-audit --no-fund --loglevel=error
	@touch $@

# The extension's unit tests (no VS Code needed) on the pinned Node, then the end-to-end test.
test-extension: setup $(EXT)/node_modules/.package-lock.json
	PATH="$(dir $(NODE_LTS)):$$PATH" GO="$(GO)" npm --prefix $(EXT) test
	@$(MAKE) --no-print-directory e2e

# The .vsix for this platform, carrying the hotswap binary and the runtime with its packages.
package-extension: setup $(EXT)/node_modules/.package-lock.json
	PATH="$(dir $(NODE_LTS)):$$PATH" GO="$(GO)" npm --prefix $(EXT) run package

# The packaged extension in a real VS Code (code-server, Node 24) driven by Debian's Chromium.
# e2e-setup.sh installs what is missing (apt packages, code-server under .cache/) and prints
# code-server's path; screenshots land in test-results/vscode-extension/.
e2e: package-extension
	code_server=$$($(EXT)/scripts/e2e-setup.sh); \
	vsix=$$(ls -t $(EXT)/hotswap-*.vsix | head -n 1); \
	PATH="$(dir $(NODE_LTS)):$$PATH" HOTSWAP_CODE_SERVER="$$code_server" HOTSWAP_VSIX="$$PWD/$$vsix" \
	  npm --prefix $(EXT) run test:e2e

bench: build $(EXT)/node_modules/.package-lock.json
	PATH="$(dir $(NODE_LTS)):$$PATH" bench/run

clean:
	rm -rf bin .cache node_modules

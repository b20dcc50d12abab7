#!/usr/bin/env bash
# Installs what the end-to-end test needs and is not there yet, then prints the code-server
# launcher's path: Debian's chromium and libkrb5-dev (code-server builds a Kerberos module),
# Node 24 (code-server's engine) and code-server itself, cached under .cache/code-server/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=4.139.1

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "e2e-setup: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "e2e-setup: apt-get install ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi

node24=$("$root/scripts/node.sh" 24.21.0)
dir="$root/.cache/code-server/$version"
bin="$dir/node_modules/.bin/code-server"
if [ ! -x "$bin" ]; then
  echo "e2e-setup: installing code-server $version (once; builds native modules for Node 24)" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  # A package.json of its own keeps npm from walking up into the repository's node_modules.
  echo '{ "private": true }' >"$dir/package.json"
  # Native modules are built against Node 24's headers, not the machine's own Node.
  PATH="$(dirname "$node24"):$PATH" npm_config_nodedir="$(dirname "$(dirname "$node24")")" \
    "$node24" "$(readlink -f "$(command -v npm)")" \
    install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "code-server@$version" >&2
fi
[ -f "$dir/node_modules/code-server/lib/vscode/package.json" ] || { echo "e2e-setup: code-server in $dir is incomplete; delete it to reinstall" >&2; exit 1; }
echo "$bin"

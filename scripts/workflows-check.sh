#!/usr/bin/env bash
# Validates .github/workflows/*.yml with actionlint (a Go module, built into .tools/ with
# `go install`; later runs reuse the binary). actionlint shell-checks each `run:` script when
# shellcheck is on PATH: it is installed from Debian's packages when missing and apt is at hand
# (as root, or with sudo), else the run says the scripts were not shell-checked.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ACTIONLINT_VERSION=1.7.12
dir=.tools/actionlint-$ACTIONLINT_VERSION

if [[ ! -x $dir/actionlint ]]; then
  command -v go >/dev/null || {
    echo "workflows-check needs Go to build actionlint (go install github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION)" >&2
    exit 1
  }
  GOBIN="$PWD/$dir" go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION"
fi

if ! command -v shellcheck >/dev/null && command -v apt-get >/dev/null; then
  as_root=()
  [[ $(id -u) == 0 ]] || as_root=(sudo -n)
  if [[ $(id -u) == 0 ]] || sudo -n true 2>/dev/null; then
    echo "installing shellcheck with apt"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
  fi
fi
command -v shellcheck >/dev/null ||
  echo "workflows-check: no shellcheck, so the run: scripts were NOT shell-checked" >&2

"$dir/actionlint"
echo "actionlint $ACTIONLINT_VERSION: $(find .github/workflows -name '*.y*ml' | wc -l) workflow(s) valid"

#!/usr/bin/env bash
# make api-fuzz: a bounded property-based run of schemathesis (PyPI, pinned, in a venv under .tools/)
# against prequal-api on the stack (the native stack, started here when none runs, as make test
# does), with every check on: any 5xx, undocumented status or header, answer that breaks its schema,
# request the document forbids that is accepted, or request it allows that is refused, fails it.
# API_FUZZ_EXAMPLES (500) bounds the cases per operation and phase; the report is in .out/api-fuzz/.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SCHEMATHESIS_VERSION=4.32.5
VENV=.tools/schemathesis-$SCHEMATHESIS_VERSION

# The marker is written last: a venv whose install failed halfway is made again.
if [[ ! -f $VENV/.installed ]]; then
  echo "[api-fuzz] installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $VENV"
  python=$(command -v python3) || { echo "[api-fuzz] needs python3 (3.10 or later)" >&2; exit 1; }
  rm -rf "$VENV"
  if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
    # Debian's python3 makes venvs only with python3-venv; as root, install it (stack.sh does so too).
    rm -rf "$VENV"
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null || exit 1
    fi
    "$python" -m venv "$VENV" || { echo "[api-fuzz] python3 cannot make a venv: install python3-venv" >&2; exit 1; }
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" || exit 1
  touch "$VENV/.installed"
fi

mkdir -p .out
# shellcheck source=scripts/test-stack.sh
source "$ROOT/scripts/test-stack.sh"
ensure_stack || { echo "[api-fuzz] the native stack did not start" >&2; exit 1; }
trap release_stack EXIT
SCHEMATHESIS="$ROOT/$VENV/bin/schemathesis" node test/fuzz/api-fuzz.ts "$@"

#!/usr/bin/env bash
# Runs the tests of one tier (unit | int | e2e | all) with coverage, prints the TAP stream and
# ends with a 'N passed, N failed' line. Integration tiers use KAFKA_BROKERS, SCHEMA_REGISTRY_URL
# and DATABASE_URL when set, else the native stack when it runs (make stack-up), else
# testcontainers when a Docker engine answers, else the native stack started for this run and
# stopped after it (KEEP_STACK=1 leaves it running): see scripts/test-stack.sh.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
tier=${1:-all}
shift || true
mkdir -p .out

# shellcheck source=scripts/test-stack.sh
source "$ROOT/scripts/test-stack.sh"
if [[ $tier != unit ]]; then
  if ! ensure_stack; then
    echo "the native stack did not start (see above)"
    echo "0 passed, 1 failed" | tee .out/summary.txt
    exit 1
  fi
  trap release_stack EXIT
fi

export TEST_TIER=$tier
# The coverage gate (85% of lines) holds for the whole suite, not for a tier or a single file.
coverage_gate=()
[[ $tier == all && $# -eq 0 ]] && coverage_gate=(--check-coverage --lines 85)
npx c8 --config .c8rc.json "${coverage_gate[@]}" ava --tap "$@" | tee .out/tap.txt
status=$?
# Before the summary, so that it stays the last line.
release_stack

passed=$(grep -cE '^ok [0-9]+' .out/tap.txt || true)
failed=$(grep -cE '^not ok [0-9]+' .out/tap.txt || true)
skipped=$(grep -cE '^ok [0-9]+ .*# SKIP' .out/tap.txt || true)
if ((status != 0 && failed == 0)); then
  echo "the run failed outside any test (coverage below the gate, or a file that crashed before its tests)"
  failed=1
fi
summary="$((passed - skipped)) passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
echo "$summary" | tee .out/summary.txt
exit "$status"

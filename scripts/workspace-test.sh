#!/usr/bin/env bash
# `npm test` of one workspace (what `lerna run test` runs in each, in dependency order): its own
# tests of TEST_TIER (unit, int, e2e; all by default) with ava and the workspace's ava.config.js. A
# workspace without tests of that tier passes (ava itself fails when it finds no file).
set -euo pipefail
shopt -s globstar nullglob
tier=${TEST_TIER:-all}
[[ $tier == all ]] && tier='{unit,int,e2e}'
eval "files=(test/**/*.$tier.test.ts)"
if ((${#files[@]} == 0)); then
  echo "no ${TEST_TIER:-} tests in $(basename "$PWD")"
  exit 0
fi
exec ava "$@"

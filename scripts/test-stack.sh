# shellcheck shell=bash
# Sourced by scripts/test.sh: the Kafka, registry and PostgreSQL a test run uses, in this order:
#   1. KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL, when all three are set;
#   2. the native stack, when it runs (scripts/stack.sh status);
#   3. testcontainers, when a Docker engine answers (the tests start the containers themselves);
#   4. else the native stack, started here (scripts/stack.sh up) and stopped when the run ends,
#      unless KEEP_STACK=1, which leaves it running and says so.
# STACK_SH and ENGINE_PROBE replace the stack script and the engine check (the tests of this file).
STACK_SH=${STACK_SH:-$ROOT/scripts/stack.sh}
STACK_ENV=${STACK_ENV:-${STACK_DIR:-$ROOT/.stack}/stack.env}
stack_started_here=

stack_say() { printf '[test] %s\n' "$*" >&2; }

# The native stack's endpoints: its stack.env when it writes one, else its fixed ports.
use_native_stack() {
  if [[ -f $STACK_ENV ]]; then
    set -a
    # shellcheck disable=SC1090
    source "$STACK_ENV"
    set +a
  else
    export KAFKA_BROKERS=127.0.0.1:9092
    export SCHEMA_REGISTRY_URL=https://127.0.0.1:8081/apis/ccompat/v7
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/prequal
  fi
}

# Whether testcontainers finds an engine, asked the way the tests ask it (testkit's stack()).
docker_engine_answers() {
  if [[ -n ${ENGINE_PROBE:-} ]]; then
    "$ENGINE_PROBE"
    return
  fi
  (cd "$ROOT" && timeout 20 node --input-type=module -e \
    "const { getContainerRuntimeClient } = await import('testcontainers'); await getContainerRuntimeClient();" \
    >/dev/null 2>&1)
}

ensure_stack() {
  [[ -n ${KAFKA_BROKERS:-} && -n ${SCHEMA_REGISTRY_URL:-} && -n ${DATABASE_URL:-} ]] && return 0
  if "$STACK_SH" status >/dev/null 2>&1; then
    use_native_stack
    return 0
  fi
  if docker_engine_answers; then
    stack_say "no native stack runs: the tests start theirs with testcontainers"
    return 0
  fi
  stack_say "no native stack, endpoints or Docker engine: starting the native stack (scripts/stack.sh up)"
  "$STACK_SH" up >&2 || return 1
  stack_started_here=1
  use_native_stack
}

# Stops the stack ensure_stack started (once: test.sh calls it, and its EXIT trap again).
release_stack() {
  [[ -n $stack_started_here ]] || return 0
  stack_started_here=
  if [[ -n ${KEEP_STACK:-} ]]; then
    stack_say "the native stack this run started is left running (make stack-down stops it)"
  else
    "$STACK_SH" down >&2 || true
    stack_say "the native stack this run started is stopped (KEEP_STACK=1 leaves it running)"
  fi
}

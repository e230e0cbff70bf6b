#!/usr/bin/env bash
# Tries the test harness's testcontainers path against podman serving the Docker API
# (`podman system service`) on a socket of its own, and reports what works: testcontainers itself
# with the images this machine has (test/podman/testcontainers-probe.ts), then the harness's
# stack() with no endpoints set (which starts the images of docker-compose.yml). Findings:
# docs/decisions/0031-container-engine-here.md. Needs podman and `make image` first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
socket=$ROOT/.stack/containers/podman.sock
mkdir -p "${socket%/*}"
rm -f "$socket"

# DOCKER_HOST unset: engine.sh would pick docker (the CLI) once a Docker API answers.
env -u DOCKER_HOST CONTAINER_ENGINE=podman scripts/engine.sh system service --time=0 "unix://$socket" \
  >"${socket%/*}/podman-service.log" 2>&1 &
service=$!
export PROBE_RUN=$$
# The probe's containers (a start that failed leaves one behind), then the service.
cleanup() {
  env -u DOCKER_HOST CONTAINER_ENGINE=podman scripts/engine.sh ps -aq --filter "label=prequal-probe=$PROBE_RUN" |
    xargs -r env -u DOCKER_HOST CONTAINER_ENGINE=podman scripts/engine.sh rm -f >/dev/null 2>&1 || true
  kill "$service" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -S $socket ]] && break; sleep 0.1; done
[[ -S $socket ]] || { echo "podman system service did not open $socket" >&2; exit 1; }

export DOCKER_HOST=unix://$socket
# Ryuk (testcontainers' reaper, docker.io/testcontainers/ryuk) cannot be pulled here.
export TESTCONTAINERS_RYUK_DISABLED=true
echo "== testcontainers against podman $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')"
node test/podman/testcontainers-probe.ts

echo "== the harness: stack() with no endpoints in the environment (test/stack-smoke.int.test.ts)"
for threads in "" --worker-threads=true; do
  echo "-- ava ${threads:-as configured (ava.config.js: workerThreads false)}"
  env -u KAFKA_BROKERS -u SCHEMA_REGISTRY_URL -u DATABASE_URL \
    npx ava --tap $threads test/stack-smoke.int.test.ts 2>&1 | grep -m 1 "message:" || true
done

#!/usr/bin/env bash
# The container engine of `make image` and of the container e2e test, with the settings it needs
# on this machine: docker when its daemon answers, else podman (rootful, daemonless), else buildah
# (it builds, but runs no services).
#
#   scripts/engine.sh --which     prints docker, podman or buildah; exits 1 with one line saying why not
#   scripts/engine.sh --install   the same, after installing podman and runc with apt-get when no
#                                 engine (or no runc for podman) is there (as root, Debian or Ubuntu)
#   scripts/engine.sh ARGS...     runs the engine with ARGS (podman and buildah with the settings below)
#
# CONTAINER_ENGINE=docker|podman|buildah picks one where several are installed (none: as if none were).
#
# podman and buildah read .stack/containers/containers.conf (CONTAINERS_CONF; nothing system-wide
# is edited), written here from this machine's limits (docs/decisions/0031):
# - default_ulimits: rootful podman gives every container nofile 1048576 and nproc 4194304, which
#   needs CAP_SYS_RESOURCE; a sandbox without it refuses (crun: setrlimit `RLIMIT_NOFILE`:
#   Operation not permitted). The host's own hard limits instead, nproc at most kernel.pid_max
#   (podman itself runs with that many and cannot hand a container more).
# - runtime runc: crun 1.8 (Debian 12) refuses a hybrid cgroup v1/v2 layout ("cgroups in hybrid
#   mode not supported"); runc runs on v1, hybrid and v2.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

which_engine() {
  if [[ -n ${CONTAINER_ENGINE:-} ]]; then
    [[ $CONTAINER_ENGINE != none ]] && command -v "$CONTAINER_ENGINE" >/dev/null || return 1
    [[ $CONTAINER_ENGINE != docker ]] || docker info >/dev/null 2>&1 || return 1
    echo "$CONTAINER_ENGINE"
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    echo docker
  elif command -v podman >/dev/null; then
    echo podman
  elif command -v buildah >/dev/null; then
    echo buildah
  else
    return 1
  fi
}

podman_conf() {
  local conf=$ROOT/.stack/containers/containers.conf nofile nproc pid_max text
  nofile=$(ulimit -Hn)
  nproc=$(ulimit -Hu)
  pid_max=$(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 32768)
  [[ $nofile != unlimited ]] || nofile=1048576
  [[ $nproc != unlimited && $nproc -le $pid_max ]] || nproc=$pid_max
  text="# Written by scripts/engine.sh from this machine's limits; see the comment there.
[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]"
  if command -v runc >/dev/null; then
    text+=$'\n\n[engine]\nruntime = "runc"'
  fi
  mkdir -p "${conf%/*}"
  # Rewritten only when it changes, and atomically: test files call this concurrently.
  if [[ ! -f $conf || $(<"$conf") != "$text" ]]; then
    printf '%s\n' "$text" >"$conf.$$" && mv "$conf.$$" "$conf"
  fi
  echo "$conf"
}

apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }

case ${1:-} in
  --which)
    which_engine || {
      if [[ ${CONTAINER_ENGINE:-} == none ]]; then
        echo "no container engine: CONTAINER_ENGINE=none" >&2
      elif [[ -n ${CONTAINER_ENGINE:-} ]]; then
        echo "no container engine: CONTAINER_ENGINE=$CONTAINER_ENGINE is not there (or its daemon does not answer)" >&2
      else
        echo "no container engine: no docker daemon answers and neither podman nor buildah is installed" \
          "(make image installs podman)" >&2
      fi
      exit 1
    }
    ;;
  --install)
    engine=$(which_engine || true)
    if [[ -z $engine && -n ${CONTAINER_ENGINE:-} ]]; then
      exec "$0" --which
    elif [[ -z $engine || ($engine == podman && -z $(command -v runc)) ]]; then
      if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
        echo "no container engine (or no runc for podman); they are installed here only as root with" \
          "apt-get: install docker, or podman and runc, and run again" >&2
        exit 1
      fi
      echo "engine: installing podman and runc (apt-get)" >&2
      apt_install podman runc || { apt-get update -qq && apt_install podman runc; }
    fi
    which_engine
    ;;
  *)
    engine=$(which_engine) || exec "$0" --which
    if [[ $engine != docker ]]; then
      CONTAINERS_CONF=$(podman_conf)
      export CONTAINERS_CONF
    fi
    exec "$engine" "$@"
    ;;
esac

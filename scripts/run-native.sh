#!/usr/bin/env bash
# The whole system without containers: the native stack, migrations, schema registration, topics,
# then prequal-api, credit-service and decision-service in the background, logs in .stack/logs.
# Usage: scripts/run-native.sh start|stop|status
# Settings: the environment, then .env (see .env.example) when present, then .stack/stack.env (how
# to reach the native stack, written by stack.sh); the first that gives a variable a value wins.
# Each service runs as its own principal: its own PostgreSQL role (over TLS), its own registry
# user; with KAFKA_SECURITY_PROTOCOL=SASL_SSL also its own Kafka user on the secured listener
# (127.0.0.1:9094, TLS, SCRAM-SHA-512, ACLs) instead of the plain quick-start listener.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUN=.stack/run
LOGS=.stack/logs
SERVICES=(prequal-api credit-service decision-service)

say() { printf '[run-native] %s\n' "$*"; }

alive() { [[ -f $RUN/$1.pid ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

healthy() { curl -fs -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null; }

# Prometheus (make observe) scrapes what these files list (observability/prometheus/prometheus.yml);
# written whole, then renamed, so that it never reads half a file.
TARGETS=.stack/prometheus/targets
write_target() {
  mkdir -p "$TARGETS"
  printf '[{"targets": ["127.0.0.1:%s"]}]\n' "$2" >"$TARGETS/$1.json.tmp"
  mv "$TARGETS/$1.json.tmp" "$TARGETS/$1.json"
}

start_service() {
  local name=$1 port=${OPS_PORTS[$1]}
  if alive "$name"; then
    say "$name: already running (pid $(cat "$RUN/$name.pid"))"
    write_target "$name" "$port"
    return 0
  fi
  # Only the services that need personal data in clear get its keys (decision-service does not).
  local keys=()
  [[ $name == decision-service ]] || keys=("${PII_ENV[@]}")
  local -a principal
  mapfile -t principal < <(service_principal "$name")
  # credit-service has no database: it does not get the admin's URL of stack.env either.
  local unset=()
  [[ $name == credit-service ]] && unset=(-u DATABASE_URL -u DATABASE_PASSWORD_FILE)
  env "${unset[@]}" "${keys[@]}" "${principal[@]}" OPS_PORT="$port" nohup node --disable-warning=TimeoutNegativeWarning "services/$name/src/main.ts" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  local deadline=$((SECONDS + 60))
  until healthy "$port"; do
    if ! alive "$name" || ((SECONDS > deadline)); then
      say "$name did not start; last lines of $LOGS/$name.log:"
      tail -n 20 "$LOGS/$name.log" >&2
      stop_service "$name"
      exit 1
    fi
    sleep 0.3
  done
  write_target "$name" "$port"
  say "$name: started, ops port $port (pid $(cat "$RUN/$name.pid"))"
}

stop_service() {
  local name=$1
  if alive "$name"; then
    local pid
    pid=$(cat "$RUN/$name.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "$name: stopped"
  fi
  rm -f "$RUN/$name.pid" "$TARGETS/$name.json"
}

# The settings not already given: the environment wins, then .env, then .stack/stack.env; an empty
# value (a line of .env.example left blank) sets nothing, so it never hides the stack's.
load_env() {
  local file line name value
  for file in .env .stack/stack.env; do
    [[ -f $file ]] || continue
    while IFS= read -r line || [[ -n $line ]]; do
      [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
      name=${BASH_REMATCH[2]} value=${BASH_REMATCH[3]}
      [[ -n ${!name:-} || -z $value ]] && continue
      [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
      export "$name=$value"
    done <"$file"
  done
}

secured() { [[ ${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT} == SASL_SSL ]]; }

# The Kafka settings of a user on the secured listener (one line per variable, for env).
kafka_user() {
  printf '%s\n' "KAFKA_BROKERS=$KAFKA_SECURED_BROKERS" KAFKA_SECURITY_PROTOCOL=SASL_SSL \
    KAFKA_SASL_MECHANISM=SCRAM-SHA-512 "KAFKA_SSL_CA_FILE=$STACK_TLS_CA_FILE" \
    "KAFKA_SASL_USERNAME=$1" "KAFKA_SASL_PASSWORD_FILE=$STACK_SECRETS_DIR/kafka-$1"
}

# What a service signs in as: its database role over TLS, the registry's read-only user, and with
# the secured listener its Kafka user (one line per variable, for env).
service_principal() {
  local name=$1
  case $name in
    prequal-api) database_role prequal_api ;;
    decision-service) database_role decision_service ;;
  esac
  printf '%s\n' SCHEMA_REGISTRY_USERNAME=prequal-services \
    "SCHEMA_REGISTRY_PASSWORD_FILE=$STACK_SECRETS_DIR/registry-prequal-services"
  if secured; then kafka_user "$name"; fi
}

database_role() {
  printf '%s\n' "DATABASE_URL=postgres://$1@$STACK_DATABASE_HOST/prequal?sslmode=verify-full" \
    "DATABASE_SSL_CA_FILE=$STACK_TLS_CA_FILE" "DATABASE_PASSWORD_FILE=$STACK_SECRETS_DIR/pg-$1"
}

# Runs an init command as the admin of each part (the owner of the schema for PostgreSQL).
as_admin() {
  local -a admin
  mapfile -t admin < <(database_role prequal_owner; if secured; then kafka_user admin; fi)
  env "${admin[@]}" "$@"
}

load_env
# The API's public port is PORT (3000); each service's /health, /ready and /metrics are on its ops port.
declare -A OPS_PORTS=([prequal-api]=${API_OPS_PORT:-3003} [credit-service]=${CREDIT_SERVICE_OPS_PORT:-3001} [decision-service]=${DECISION_SERVICE_OPS_PORT:-3002})

case ${1:-} in
  start)
    scripts/stack.sh up
    load_env
    mkdir -p "$RUN" "$LOGS"
    as_admin node packages/db/src/cli/migrate.ts
    as_admin node packages/schema-tools/src/cli/main.ts register
    as_admin node --disable-warning=TimeoutNegativeWarning packages/messaging/src/cli/create-topics.ts
    as_admin node --disable-warning=TimeoutNegativeWarning packages/messaging/src/cli/kafka-acls.ts apply
    # A client for trying the API: created on the first run, its key kept in .stack/dev-api-key.
    as_admin node services/prequal-api/src/cli/clients.ts dev-key --file .stack/dev-api-key
    # Development keys of personal data, made on the first run, unless .env gives keys.
    PII_ENV=()
    [[ -n ${PII_KEYRING:-}${PII_KEYRING_FILE:-} ]] || PII_ENV+=(PII_KEYRING_FILE="$ROOT/.stack/pii-keyring")
    [[ -n ${PII_BLIND_INDEX_KEY:-}${PII_BLIND_INDEX_KEY_FILE:-} ]] || PII_ENV+=(PII_BLIND_INDEX_KEY_FILE="$ROOT/.stack/pii-blind-index.key")
    ((${#PII_ENV[@]} == 0)) || node services/prequal-api/src/cli/personal-data.ts keys --dir .stack
    for service in "${SERVICES[@]}"; do start_service "$service"; done
    api="http://localhost:${PORT:-3000}"
    if secured; then kafka="SASL_SSL on $KAFKA_SECURED_BROKERS, a Kafka user per service"; else
      kafka="plain listener $KAFKA_BROKERS (KAFKA_SECURITY_PROTOCOL=SASL_SSL make run-native: the secured one)"
    fi
    cat <<MSG

The system runs natively:
  Kafka        $kafka
  Credentials  .stack/stack.env (the admin's), .stack/secrets (each service's), CA .stack/tls/ca.pem
  API          $api   (POST /applications, GET /applications/{id}/status)
  API docs     $api/docs   (OpenAPI document: $api/openapi.json)
  Metrics      prequal-api :${OPS_PORTS[prequal-api]}/metrics   credit-service :${OPS_PORTS[credit-service]}/metrics   decision-service :${OPS_PORTS[decision-service]}/metrics
  Prometheus   make observe   (http://127.0.0.1:9090, scrapes the three services, evaluates the alerts)
  Logs         $LOGS/{prequal-api,credit-service,decision-service}.log
  Keys         .stack/pii-keyring, .stack/pii-blind-index.key (development keys of personal data)
  API key      .stack/dev-api-key (a development client with every scope; npx prequal reads it)
  Try it       npx prequal submit --pan ABCDE1234F --income 100000 --amount 200000 --type PERSONAL --wait
  Stop         make stop-native   (and make stack-down for Kafka, the registry and PostgreSQL)
MSG
    ;;
  stop)
    for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[i]}"; done
    ;;
  status)
    for service in "${SERVICES[@]}"; do
      if alive "$service" && healthy "${OPS_PORTS[$service]}"; then say "$service: healthy (ops port ${OPS_PORTS[$service]})"; else say "$service: down"; fi
    done
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac

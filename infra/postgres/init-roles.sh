#!/usr/bin/env bash
# The postgres image runs this once, on an empty data directory (docker-entrypoint-initdb.d): the
# roles of docs/decisions/0014, as on the native stack. prequal_owner owns the prequal database and
# its schema (the init job migrates as it and grants the services their privileges); prequal_api
# and decision_service may only connect and use what they are granted; nobody else may connect.
# The passwords come from the container's environment (docker-compose.yml, from .env).
set -euo pipefail
: "${PREQUAL_OWNER_DB_PASSWORD:?}" "${PREQUAL_API_DB_PASSWORD:?}" "${DECISION_SERVICE_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner="$PREQUAL_OWNER_DB_PASSWORD" -v api="$PREQUAL_API_DB_PASSWORD" -v decision="$DECISION_SERVICE_DB_PASSWORD" <<'SQL'
CREATE ROLE prequal_owner LOGIN PASSWORD :'owner';
CREATE ROLE prequal_api LOGIN PASSWORD :'api';
CREATE ROLE decision_service LOGIN PASSWORD :'decision';
ALTER DATABASE prequal OWNER TO prequal_owner;
REVOKE CONNECT, TEMPORARY ON DATABASE prequal FROM PUBLIC;
GRANT CONNECT ON DATABASE prequal TO prequal_owner, prequal_api, decision_service;
\connect prequal
ALTER SCHEMA public OWNER TO prequal_owner;
SQL

#!/usr/bin/env bash
# Before `docker compose up` (make run-local): every secret docker-compose.yml requires that .env
# lacks is made and appended to .env (git-ignored, 0600): random passwords, and development keys
# of personal data (made by the project's image, so the host needs no Node). Values already in .env
# are kept; nothing is printed but the names.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
touch .env
chmod 600 .env

has() { grep -qE "^$1=.+" .env; }

made=()
for name in POSTGRES_PASSWORD PREQUAL_OWNER_DB_PASSWORD PREQUAL_API_DB_PASSWORD DECISION_SERVICE_DB_PASSWORD \
  KAFKA_UI_PASSWORD GRAFANA_ADMIN_PASSWORD; do
  has "$name" && continue
  # An empty line of the name (a copy of .env.example) gives way to the new one.
  sed -i "/^$name=\$/d" .env
  echo "$name=$(openssl rand -hex 20)" >>.env
  made+=("$name")
done

if ! has PII_KEYRING || ! has PII_BLIND_INDEX_KEY; then
  sed -i '/^PII_KEYRING=$/d; /^PII_BLIND_INDEX_KEY=$/d' .env
  docker build -q -t loan-prequal:local . >/dev/null
  docker run --rm --entrypoint node loan-prequal:local services/prequal-api/src/cli/personal-data.ts keys --env >>.env
  made+=(PII_KEYRING PII_BLIND_INDEX_KEY)
fi
((${#made[@]} == 0)) || echo "[run-local] made in .env: ${made[*]} (keep .env out of git; Kafka UI and Grafana log in as admin)"

# Every target runs on the Node version pinned in .nvmrc (fetched into .tools/ when the machine's
# node is another major). `make help` lists the targets.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# .env (see .env.example), when present, is read by every target: its variables are exported and
# win over the environment; `make VAR=value` wins over both. Write values unquoted, without '$'.
-include .env
export $(shell sed -nE 's/^([A-Za-z_][A-Za-z0-9_]*)=.*/\1/p' .env 2>/dev/null)

# .stack/stack.env (written by make stack-up) says how to reach the native stack and as whom (its
# admin): every target gets those variables unless .env, the environment or the command line sets them.
STACK_ENV_FILE := $(or $(STACK_DIR),.stack)/stack.env
$(foreach setting,$(shell sed -nE 's/^([A-Za-z_][A-Za-z0-9_]*=[^ ]*)$$/\1/p' $(STACK_ENV_FILE) 2>/dev/null),\
  $(eval $(firstword $(subst =, ,$(setting))) ?= $(patsubst $(firstword $(subst =, ,$(setting)))=%,%,$(setting)))\
  $(eval export $(firstword $(subst =, ,$(setting)))))

# Targets that run no Node work without it (and do not fetch it).
NO_NODE_GOALS := help stack-up stack-down stack-status stack-clean stop-native status-native run-local compose-check workflows-check ci \
                 observe observe-down observe-status observe-check helm-check
ifneq ($(filter-out $(NO_NODE_GOALS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
  NODE_BIN := $(shell scripts/ensure-node.sh)
  ifeq ($(NODE_BIN),)
    $(error no Node $(shell cat .nvmrc) (see the ensure-node message above): install it, e.g. with nvm or Volta, and run again)
  endif
  export PATH := $(NODE_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
endif
export KAFKAJS_NO_PARTITIONER_WARNING := 1
export NODE_OPTIONS := --disable-warning=TimeoutNegativeWarning

.PHONY: help install stack-up stack-down stack-status stack-clean lint format typecheck \
        test test-unit test-workspaces test-int test-e2e ci schemas-generate schemas-validate schemas-diff schemas-check \
        schemas-register schemas-download schemas-set-compatibility db-migrate db-status db-pending db-rollback openapi-lint api-fuzz \
        topics-create kafka-acls kafka-acls-print init run-native \
        stop-native status-native dlt-list dlt-replay workflows-check client-create client-list client-revoke \
        pii-keys pii-rotate pii-reencrypt pii-convert pii-erase

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json ## install dependencies (npm ci) on the pinned Node

stack-up: ## start PostgreSQL, Kafka (KRaft) and the schema registry natively on 127.0.0.1 [STACK_KAFKA_NODES=3: a Kafka cluster of three]
	scripts/stack.sh up

stack-down: ## stop the native stack (data is kept)
	scripts/stack.sh down

stack-status: ## show whether each native service is ready
	scripts/stack.sh status

stack-clean: ## stop the native stack and delete its data and logs (downloads are kept)
	scripts/stack.sh clean

lint: install ## ESLint (type-aware) and Prettier check
	eslint . --max-warnings=0
	prettier --check . --log-level warn

format: install ## format every file with Prettier
	prettier --write . --log-level warn

typecheck: install ## TypeScript type-check of the whole workspace
	tsc -p tsconfig.json

test: install ## run all tests (starts the native stack when none runs and stops it after; KEEP_STACK=1 keeps it)
	scripts/test.sh all

test-unit: install ## run the unit tests only (no services needed)
	scripts/test.sh unit

test-workspaces: install ## each workspace's own tests in dependency order (lerna run test): [TEST_TIER=unit|int|e2e]
	npx lerna run test --concurrency 1 --stream

test-int: install ## run the integration tests (the stack as make test finds or starts it)
	scripts/test.sh int

test-e2e: install ## run the end-to-end tests (the stack as make test finds or starts it)
	scripts/test.sh e2e

# Redocly CLI asks for no update and sends no usage data.
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true redocly

openapi-lint: install ## the API's OpenAPI document: valid OpenAPI 3.1, Redocly's recommended rules and ours (services/prequal-api/redocly.yaml)
	@mkdir -p .out
	node services/prequal-api/src/cli/openapi.ts > .out/openapi.json
	$(REDOCLY) lint --config services/prequal-api/redocly.yaml .out/openapi.json

api-fuzz: install ## schemathesis (PyPI, pinned, in .tools/) against prequal-api on the stack, every check, bounded: [API_FUZZ_EXAMPLES=500]
	scripts/api-fuzz.sh

SCHEMAS := node packages/schema-tools/src/cli/main.ts

schemas-generate: install ## regenerate the TypeScript event types from schemas/*.avsc
	$(SCHEMAS) generate

# FORMAT is text (the default), markdown, json or github-actions (packages/schema-tools/README.md).
schemas-validate: install ## check every schema parses and follows our conventions [FORMAT=json|…]
	$(SCHEMAS) validate --format "$${FORMAT:-text}"

schemas-diff: install ## offline compatibility report against a git ref: BASE=<ref> [FORMAT=markdown|json|github-actions]
	$(SCHEMAS) diff --base "$${BASE:-origin/main}" --format "$${FORMAT:-text}"

schemas-check: install ## check each local schema against its subject in the registry [FORMAT=json|…]
	$(SCHEMAS) check --format "$${FORMAT:-text}"

schemas-register: install ## register the schemas (idempotent) and set each subject's compatibility
	$(SCHEMAS) register

schemas-download: install ## write the registry's schemas as .avsc files: [SUBJECT=<s>] [VERSION=<n>|latest] [OUT=registry-schemas]
	$(SCHEMAS) download --out "$${OUT:-registry-schemas}" --version "$${VERSION:-latest}" $${SUBJECT:+--subject "$$SUBJECT"}

schemas-set-compatibility: install ## set the compatibility level of our subjects (or one): LEVEL=<level> [SUBJECT=<s>]
	$(SCHEMAS) set-compatibility --level "$${LEVEL:?set LEVEL=FULL_TRANSITIVE (or another level)}" $${SUBJECT:+--subject "$$SUBJECT"}

db-migrate: install ## apply the database migrations to DATABASE_URL
	node packages/db/src/cli/migrate.ts up

db-status: install ## every migration of DATABASE_URL: applied (and when) or pending
	@node packages/db/src/cli/migrate.ts status

db-pending: install ## the pending migrations of DATABASE_URL, one a line (none: up to date)
	@node packages/db/src/cli/migrate.ts pending

db-rollback: install ## revert the last applied migration of DATABASE_URL (make db-migrate applies it again)
	node packages/db/src/cli/migrate.ts rollback

topics-create: install ## create the event topics and their dead-letter topics (idempotent)
	node packages/messaging/src/cli/create-topics.ts

kafka-acls: install ## grant each service's Kafka principal exactly what it does (idempotent): [ARGS='--principal prequal-api=User:x ...']
	node packages/messaging/src/cli/kafka-acls.ts apply $${ARGS:-}

kafka-acls-print: install ## the ACLs kafka-acls would grant, one per line (for a cluster you manage by hand)
	@node packages/messaging/src/cli/kafka-acls.ts print $${ARGS:-}

CLIENTS := node services/prequal-api/src/cli/clients.ts

client-create: install ## a new API client and its first key (the key alone on the last line): NAME=<name> [SCOPES=applications:submit,applications:read]
	@$(CLIENTS) create --name "$${NAME:?set NAME=<client name>}" $${SCOPES:+--scopes "$$SCOPES"}

client-list: install ## the API clients, their scopes and keys (never the keys themselves)
	@$(CLIENTS) list

client-revoke: install ## revoke an API key (within API_KEY_CACHE_SECONDS on every instance): KEY_ID=<id>
	@$(CLIENTS) revoke --key-id "$${KEY_ID:?set KEY_ID=<key id>}"

PERSONAL_DATA := node services/prequal-api/src/cli/personal-data.ts

pii-keys: install ## new development keys of personal data in .stack/ (kept when they exist); ENV=1 prints .env lines instead
	@$(PERSONAL_DATA) keys $${ENV:+--env}

pii-rotate: install ## add a data key to a keyring file and seal with it from now on: [FILE=.stack/pii-keyring]
	@$(PERSONAL_DATA) rotate --file "$${FILE:-.stack/pii-keyring}"

pii-reencrypt: install ## seal every stored PAN and name again under the keyring's current key (after pii-rotate)
	@$(PERSONAL_DATA) reencrypt

pii-convert: install ## seal the PANs and names of rows written before they were sealed (then make db-migrate)
	@$(PERSONAL_DATA) convert

pii-erase: install ## erase the PAN and name of every application of a PAN (a data principal's request): PAN=<pan>
	@$(PERSONAL_DATA) erase --pan "$${PAN:?set PAN=<the PAN>}"

init: db-migrate schemas-register topics-create kafka-acls ## migrations (and grants), schema registration, topics and ACLs: what a fresh stack needs

dlt-list: install ## show a dead-letter topic's messages and why they failed: TOPIC=<topic>.DLT
	node packages/messaging/src/cli/dead-letters.ts list "$${TOPIC:?set TOPIC=<topic>.DLT}"

dlt-replay: install ## put a dead-letter topic's messages back on their topic: TOPIC=<topic>.DLT [FROM=<offset>]
	node packages/messaging/src/cli/dead-letters.ts replay "$${TOPIC:?set TOPIC=<topic>.DLT}" --from "$${FROM:-0}"

run-native: install ## the whole system without Docker: native stack, init, the three services in the background
	scripts/run-native.sh start

stop-native: ## stop the three services started by run-native (the stack keeps running)
	scripts/run-native.sh stop

status-native: ## show whether the three native services are healthy
	scripts/run-native.sh status

.PHONY: observe observe-down observe-status observe-check

# Separate from stack-up: Prometheus watches the services (run-native), not the stack the tests use.
observe: ## Prometheus (Debian's package) on 127.0.0.1:9090 scraping the native services, with the alert rules
	scripts/observe.sh up

observe-down: ## stop the native Prometheus (its data is kept in .stack/data/prometheus)
	scripts/observe.sh down

observe-status: ## show whether the native Prometheus is ready
	scripts/observe.sh status

observe-check: ## promtool: check the scrape configuration and rules, run the rules' unit tests
	scripts/observe.sh check

.PHONY: run-local compose-check image

run-local: ## the whole system in Docker: docker compose up (API :3000/docs, Kafka UI :8080)
	@docker compose version >/dev/null 2>&1 || { echo "run-local needs Docker with the compose plugin (docker compose)" >&2; exit 1; }
	@scripts/compose-secrets.sh
	@echo "API http://localhost:3000/docs  Kafka UI http://localhost:8080  Prometheus http://localhost:9090  Grafana http://localhost:3030  (Ctrl-C stops; docker compose down removes)"
	docker compose up --build

image: ## build the image (loan-prequal:local) with docker, podman or buildah; makes its base when it cannot be pulled
	scripts/image.sh

# The checker is built into .tools/ (git-ignored); go build skips the link when it is up to date.
# Without Go 1.24+ (compose-go v2.16 needs it) and without docker compose, it says so and passes:
# the tools are optional. When a checker runs, what it finds fails the target. .env.example leaves
# the secrets empty, so docker compose gets a stand-in for them.
compose-check: ## validate docker-compose.yml without Docker (compose-go with Go 1.24+; also docker compose config when installed)
	@checked=; \
	if command -v go >/dev/null 2>&1 && printf '%s\n' 1.24 "$$(go env GOVERSION | sed 's/^go//')" | sort -V -C; then \
	  (cd tools/compose-check && go build -buildvcs=false -o ../../.tools/compose-check .); \
	  .tools/compose-check -f docker-compose.yml -env-file .env.example; \
	  checked=1; \
	fi; \
	if docker compose version >/dev/null 2>&1; then \
	  env $$(sed -nE 's/^([A-Z_]*(PASSWORD|PII_KEYRING|PII_BLIND_INDEX_KEY))=$$/\1=compose-check-stand-in/p' .env.example) \
	    docker compose --env-file .env.example config --quiet; \
	  echo "docker compose config: valid"; \
	  checked=1; \
	fi; \
	[[ -n $$checked ]] || echo "compose-check: NOT RUN, it needs Go 1.24+ or the docker compose plugin; docker-compose.yml was not validated"

workflows-check: ## validate .github/workflows/*.yml with actionlint (built into .tools/ with go install; shellcheck for run: scripts)
	scripts/workflows-check.sh

.PHONY: helm-check
helm-check: ## Helm chart (deploy/helm/prequal): helm lint, render (defaults, every feature), kubeconform against the Kubernetes schemas
	scripts/helm-check.sh

ci: ## what CI runs: toolchain, install, helm-check, test-unit, stack, lint, type-check, openapi-lint, schemas, compose-check, workflows-check, observe-check, audit, image, test, api-fuzz, bench-quick
	bash .ci/run

.PHONY: bench bench-quick bench-auth bench-faults bench-brokers soak

bench: install ## benchmarks, 10-20 min: API against a Koa + pg baseline, end to end, drain, serde (docs/benchmarks.md)
	node bench/src/main.ts --profile full

bench-quick: install ## the same benchmarks in about 2 minutes, to prove they still run
	node bench/src/main.ts --profile quick

bench-auth: install ## what authenticating a request costs in CPU: an API key, a JWT access token (ES256, RS256, EdDSA)
	node bench/src/micro/auth.ts

soak: install ## memory under a steady load, 30 min at half the end-to-end knee (MINUTES=2 to try it, RATE=… to set the rate)
	node bench/src/soak/main.ts $(if $(MINUTES),--minutes $(MINUTES)) $(if $(RATE),--rate $(RATE))

bench-faults: install ## recovery from faults under load, about 10 min: worker kill, rolling deploy, broker stop, registry outage (docs/benchmarks.md)
	node bench/src/faults/main.ts $(if $(ONLY),--only '$(ONLY)')

bench-brokers: install ## end to end at 200/s on a Kafka of one broker and on a cluster of three, same run, about 3 min (docs/benchmarks.md)
	node bench/src/brokers/main.ts

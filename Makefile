# Every target runs on the Node version pinned in .nvmrc (fetched into .tools/ when the machine's
# node is another major). `make help` lists the targets.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

NODE_BIN := $(shell scripts/ensure-node.sh)
export PATH := $(NODE_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
export KAFKAJS_NO_PARTITIONER_WARNING := 1

.PHONY: help install stack-up stack-down stack-status stack-clean lint format typecheck \
        test test-unit test-int test-e2e ci schemas-generate schemas-validate schemas-diff schemas-check \
        schemas-register

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json ## install dependencies (npm ci) on the pinned Node

stack-up: ## start PostgreSQL, Kafka (KRaft) and the schema registry natively on 127.0.0.1
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

test: install ## run all tests (needs the stack: make stack-up)
	scripts/test.sh all

test-unit: install ## run the unit tests only (no services needed)
	scripts/test.sh unit

test-int: install ## run the integration tests (needs the stack)
	scripts/test.sh int

test-e2e: install ## run the end-to-end tests (needs the stack)
	scripts/test.sh e2e

SCHEMAS := node packages/schema-tools/src/cli/main.ts

schemas-generate: install ## regenerate the TypeScript event types from schemas/*.avsc
	$(SCHEMAS) generate

schemas-validate: install ## check every schema parses and follows our conventions
	$(SCHEMAS) validate

schemas-diff: install ## offline compatibility report against a git ref: BASE=<ref> [FORMAT=markdown]
	$(SCHEMAS) diff --base "$${BASE:-origin/main}" --format "$${FORMAT:-text}"

schemas-check: install ## check each local schema against its subject in the registry
	$(SCHEMAS) check

schemas-register: install ## register the schemas (idempotent) and set each subject's compatibility
	$(SCHEMAS) register

ci: ## what CI runs: toolchain, install, stack, lint, type-check, tests
	bash .ci/run

# syntax=docker/dockerfile:1
# One image for the three services and the init job. Node 24 runs the TypeScript sources directly
# (type stripping, docs/decisions/0001), so there is no build step: the image is the production
# dependencies plus packages/, services/ and schemas/.
#
#   docker build --build-arg SERVICE=credit-service -t loan-prequal .
#   docker run loan-prequal                         # runs $SERVICE
#   docker run loan-prequal sh -c 'node packages/db/src/cli/migrate.ts && ...'   # init (see compose)

# Keep in step with .nvmrc.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app

# Only the package.json files, so the install layer below is rebuilt when a manifest changes and
# not on every source edit (this stage reruns, but its output, and so the cache key, stays the same).
FROM base AS manifests
COPY package.json package-lock.json ./
COPY packages packages
COPY services services
RUN find packages services -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} +

# Production dependencies of what the image runs: the services and the init CLIs (db migrate,
# schema-tools register, messaging create-topics). Workspace devDependencies are dropped first:
# schema-tools' dev dependency on testkit would otherwise pull testcontainers in. npm ci still
# checks every remaining package against package-lock.json. Install scripts are not needed (the
# only native one is bunyan's optional dtrace-provider).
FROM base AS deps
COPY --from=manifests /app ./
RUN --mount=type=cache,target=/root/.npm \
    npm pkg delete devDependencies --workspaces \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace services/prequal-api \
      --workspace services/credit-service \
      --workspace services/decision-service \
      --workspace packages/db \
      --workspace packages/messaging \
      --workspace packages/schema-tools \
 && rm package.json package-lock.json \
 && find packages services -name package.json -delete
# What is left is node_modules/ (and any nested packages/*/node_modules/); the manifests and the
# sources come from the build context in the final stage, unmodified.

FROM base AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning \
    KAFKAJS_NO_PARTITIONER_WARNING=1
COPY --from=deps /app ./
COPY package.json ./
COPY schemas schemas
COPY packages packages
COPY services services

# prequal-api | credit-service | decision-service. OPS_PORT (/health, /ready, /metrics) is left to
# each service's default (3003, 3001, 3002) unless set; the health check follows the same rule.
ARG SERVICE=prequal-api
ENV SERVICE=${SERVICE}
EXPOSE 3000 3001 3002

USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = process.env.OPS_PORT || { 'prequal-api': 3003, 'credit-service': 3001, 'decision-service': 3002 }[process.env.SERVICE]; fetch('http://127.0.0.1:' + port + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# exec: node replaces the shell, so SIGTERM reaches it directly and it drains gracefully.
CMD ["/bin/sh", "-c", "exec node \"services/$SERVICE/src/main.ts\""]

#!/usr/bin/env bash
# `make image`: builds the project's image, loan-prequal:local (the tag docker-compose.yml runs),
# from the Dockerfile as it is, with the engine of scripts/engine.sh (installing podman when there
# is none). The Dockerfile's base image (its NODE_IMAGE) is used when the engine has it, pulled
# when it can be, else made by scripts/base-image.sh (Docker Hub is out of reach on some machines).
# The engine keeps the base and its layer cache, so a second run takes seconds. The build's output
# goes to .out/image-build.log, shown when the build fails (VERBOSE=1 shows it as it runs).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
tag=${IMAGE_TAG:-loan-prequal:local}
log=.out/image-build.log
started=$SECONDS
say() { echo "image: $*" >&2; }
engine() { scripts/engine.sh "$@"; }

engine=$(scripts/engine.sh --install)
node_image=$(sed -nE 's/^ARG NODE_IMAGE=([^[:space:]]+).*/\1/p' Dockerfile)
[[ -n $node_image ]] || { say "no ARG NODE_IMAGE=... line in the Dockerfile"; exit 1; }
# What Docker means by a short name; podman and buildah want it spelled out to pull it.
if [[ $engine != docker && $node_image != */* ]]; then
  node_image=docker.io/library/$node_image
elif [[ $engine != docker && ${node_image%%/*} != *.* && ${node_image%%/*} != localhost ]]; then
  node_image=docker.io/$node_image
fi

has_image() {
  if [[ $engine == buildah ]]; then engine inspect --type image "$1"; else engine image inspect "$1"; fi >/dev/null 2>&1
}
image_size_mb() {
  if [[ $engine == buildah ]]; then
    engine images --noheading --format '{{.Size}}' "$1" | head -n 1
  else
    echo "$(($(engine image inspect --format '{{.Size}}' "$1") / 1000000)) MB"
  fi
}

mkdir -p .out
base=kept
if ! has_image "$node_image"; then
  if engine pull -q "$node_image" >/dev/null 2>"$log"; then
    base=pulled
  else
    say "cannot pull $node_image ($(tail -n 1 "$log")), making it (a minute or two)"
    scripts/base-image.sh "$engine" "$node_image"
    base=made
  fi
fi

args=(-t "$tag")
if [[ $engine != docker ]]; then
  # Docker's image format: OCI images have no HEALTHCHECK, and podman would drop ours.
  args+=(--format docker --layers)
  # The build's npm trusts what the host's Node does: its own roots plus NODE_EXTRA_CA_CERTS and
  # npm's cafile (a TLS-inspecting proxy's CA, say). For the build only: mounted into the RUN
  # steps, never into a layer; docker build cannot mount, and gets nothing.
  extra=()
  for file in "${NODE_EXTRA_CA_CERTS:-}" "$(npm config get cafile 2>/dev/null || true)"; do
    [[ ! -f $file ]] || extra+=("$file")
  done
  if ((${#extra[@]})) && command -v node >/dev/null; then
    mkdir -p .stack/containers
    { node -p "require('node:tls').rootCertificates.join('\n')" && cat "${extra[@]}"; } >.stack/containers/build-ca.pem
    echo "cafile=/usr/local/etc/build-ca.pem" >.stack/containers/build-npmrc
    args+=(-v "$ROOT/.stack/containers/build-ca.pem:/usr/local/etc/build-ca.pem:ro"
      -v "$ROOT/.stack/containers/build-npmrc:/usr/local/etc/npmrc:ro")
  fi
fi
build=(build)
[[ $engine != buildah ]] || build=(bud)
if [[ -n ${VERBOSE:-} ]]; then
  engine "${build[@]}" "${args[@]}" . 2>&1 | tee "$log"
elif ! engine "${build[@]}" "${args[@]}" . >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  say "the build failed ($engine); the whole log is in $log"
  exit 1
fi
say "$tag: $(image_size_mb "$tag") ($engine, base $node_image $base, $((SECONDS - started)) s)"

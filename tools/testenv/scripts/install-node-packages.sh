#!/usr/bin/env bash
# Installs the Debian packages a real node needs (containerd, runc, the CNI
# plugins, iptables, conntrack, an OCI registry and skopeo to fill it).
# Idempotent: packages already installed are not touched, so a warm run costs
# one dpkg query. Needs root, as CI has; says plainly what is missing otherwise.
set -euo pipefail

packages=(containerd runc containernetworking-plugins iptables conntrack docker-registry skopeo iproute2)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "[testenv] node packages present (${packages[*]})"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "[testenv] a real node needs these Debian packages, and installing them needs root: ${missing[*]}" >&2
  echo "[testenv] run as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "[testenv] apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts nothing here (no systemd), but a package may still ship a
# default containerd config; the node writes its own and never reads it.
echo "[testenv] installed ${missing[*]}"

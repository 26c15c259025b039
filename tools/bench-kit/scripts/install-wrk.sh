#!/usr/bin/env bash
# Installs wrk, the HTTP load generator the benches use where autocannon cannot drive the
# baseline to its limit (the Node.js runtime's bench). Debian's package; idempotent.
set -euo pipefail
if dpkg -s wrk >/dev/null 2>&1; then
  echo "[bench] wrk present ($(wrk --version 2>&1 | head -1 | awk '{print $1, $2}'))"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "[bench] wrk is missing, and installing it needs root: apt-get install -y --no-install-recommends wrk" >&2
  exit 1
fi
echo "[bench] apt-get install wrk"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends wrk >/dev/null
echo "[bench] installed wrk"

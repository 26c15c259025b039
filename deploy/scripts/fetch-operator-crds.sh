#!/usr/bin/env bash
# Copies the CRDs of the Prometheus Operator (ServiceMonitor, PodMonitor) and of KEDA
# (ScaledObject) into the cache folder (idempotent). Both projects ship their CRD YAML
# inside their Go modules, so the Go module proxy serves them: no other download.
# The deploy integration spec installs them into the test apiserver and dry-runs the
# chart's optional monitoring and scaling objects against them.
set -euo pipefail
PROMETHEUS_OPERATOR_VERSION=v0.85.0
# 2.21 needs Go 1.27.4 to download as a module (the machine has Go 1.26).
KEDA_VERSION=v2.20.2
cache=${KUBELESS_TS_CACHE:-$HOME/.cache/kubeless-ts}
out="$cache/operator-crds-prometheus-operator-$PROMETHEUS_OPERATOR_VERSION-keda-$KEDA_VERSION"
if [[ -f "$out/keda.sh_scaledobjects.yaml" ]]; then
  echo "[deploy] operator CRDs already in $out"
  exit 0
fi
# Outside any go.mod, so the download is just the module, not a dependency of ours.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
module_dir() {
  (cd "$work" && GOFLAGS=-mod=mod go mod download -json "$1") | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])'
}
prometheus=$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")
keda=$(module_dir "github.com/kedacore/keda/v2@$KEDA_VERSION")
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cp "$prometheus/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" \
  "$prometheus/example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml" "$out.tmp/"
cp "$keda/config/crd/bases/keda.sh_scaledobjects.yaml" "$out.tmp/"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "[deploy] operator CRDs ready: $out"

#!/usr/bin/env bash
# Resolves the Kafka broker's runtime classpath from Maven Central into the
# cache folder. Idempotent: a finished copy leaves a stamp file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.sh
source "$here/versions.sh"
cache=${KUBELESS_TS_CACHE:-$HOME/.cache/kubeless-ts}
out="$cache/kafka-$KAFKA_VERSION"
if [[ -f "$out/.complete" ]]; then
  echo "[testenv] kafka $KAFKA_VERSION already in $out"
  exit 0
fi
mkdir -p "$out/libs"
echo "[testenv] resolving kafka $KAFKA_VERSION with Maven"
mvn -B -q -f "$here/../kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$out/libs"
date -u +%FT%TZ >"$out/.complete"
echo "[testenv] kafka ready in $out ($(ls "$out/libs" | wc -l) jars)"

#!/bin/sh
# Builds the Java runtime's files into $1 (the compiler image's /opt/kubeless-java;
# a temporary directory in tests): kubeless-params.jar (io.kubeless.Event, Context),
# kubeless-worker.jar, and m2/, a local Maven repository holding io.kubeless:params,
# the io.kubeless:kubeless parent and the plugins the compile phase runs.
# $2 is this directory's parent (apps/runtime-java). Needs javac, jar, mvn and Maven Central.
set -eu
out=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/params" "$work/worker"
# shellcheck disable=SC2046 # one argument per source file
javac --release 17 -d "$work/params" $(find "$src/params" -name '*.java')
jar cf "$out/kubeless-params.jar" -C "$work/params" .
# shellcheck disable=SC2046
javac --release 17 -cp "$out/kubeless-params.jar" -d "$work/worker" $(find "$src/worker" -name '*.java')
jar cf "$out/kubeless-worker.jar" -C "$work/worker" .
mvn -B -q -Dmaven.repo.local="$out/m2" install:install-file -Dfile="$out/kubeless-params.jar" \
  -DgroupId=io.kubeless -DartifactId=params -Dversion=1.0-SNAPSHOT -Dpackaging=jar
mvn -B -q -Dmaven.repo.local="$out/m2" install:install-file -Dfile="$src/maven/kubeless-parent.pom" -DpomFile="$src/maven/kubeless-parent.pom"
cp "$src/maven/warm-pom.xml" "$work/pom.xml"
mvn -B -q -Dmaven.repo.local="$out/m2" -f "$work/pom.xml" \
  dependency:copy-dependencies -DoutputDirectory="$work/lib" -DincludeScope=runtime -DexcludeGroupIds=io.kubeless

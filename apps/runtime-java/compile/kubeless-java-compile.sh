#!/bin/sh
# The compile phase of the Java runtime (init container `compile`, working dir
# /kubeless): resolves the function's pom.xml dependencies from Maven Central
# into /kubeless/lib (io.kubeless:kubeless and io.kubeless:params, which the
# original's pom.xml files name, come from the runtime's own local repository)
# and compiles /kubeless/*.java against them into /kubeless/classes.
# A failure is also written to /dev/termination-log, which the pod status shows.
set -eu

volume=${KUBELESS_INSTALL_VOLUME:-/kubeless}
root=${KUBELESS_JAVA_RUNTIME:-/opt/kubeless-java}
scratch=${TMPDIR:-/tmp}/kubeless-java
repo=$scratch/m2
log=$scratch/compile.log

fail() {
  echo "KBL_ERR_JAVA_COMPILE: $1" >&2
  { echo "KBL_ERR_JAVA_COMPILE: $1"; [ -s "$log" ] && tail -c 3000 "$log"; } >/dev/termination-log 2>/dev/null || true
  exit 1
}

mkdir -p "$scratch"
# The image's repository holds the io.kubeless artifacts and the Maven plugins; Maven needs it writable.
[ -d "$repo" ] || cp -R "$root/m2" "$repo"
rm -rf "$volume/classes" "$volume/lib"
mkdir -p "$volume/classes" "$volume/lib"

if [ -s "$volume/pom.xml" ]; then
  if ! mvn -B -q -Dmaven.repo.local="$repo" -f "$volume/pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$volume/lib" -DincludeScope=runtime -DexcludeGroupIds=io.kubeless >"$log" 2>&1; then
    cat "$log" >&2
    fail "resolving the dependencies of pom.xml failed"
  fi
  rm -rf "$volume/target"
fi

sources=$(find "$volume" -maxdepth 1 -name '*.java')
[ -n "$sources" ] || fail "no .java file in $volume"
# shellcheck disable=SC2086 # one argument per source file
if ! javac -encoding UTF-8 --release 17 -cp "$root/kubeless-params.jar:$volume/lib/*" -d "$volume/classes" $sources >"$log" 2>&1; then
  cat "$log" >&2
  fail "javac failed"
fi
echo "compiled $(echo "$sources" | wc -l) source file(s) into $volume/classes"
if [ "${KUBELESS_JAVA_CLEANUP:-false}" = true ]; then
  rm -rf "$scratch"
fi

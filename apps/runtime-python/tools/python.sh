#!/bin/sh
# Runs the first Python >= 3.11 that has pytest. Nx puts node's directory (/usr/bin)
# first on PATH, which can hide the interpreter the developer set up (pyenv, venv).
# Override with KUBELESS_TS_PYTHON=/path/to/python3.
set -eu
for candidate in ${KUBELESS_TS_PYTHON:-} $(pyenv which python3 2>/dev/null || true) $(which -a python3 2>/dev/null || true); do
  if "$candidate" -c 'import sys, pytest; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    exec "$candidate" "$@"
  fi
done
echo "no Python >= 3.11 with pytest found (set KUBELESS_TS_PYTHON)" >&2
exit 1

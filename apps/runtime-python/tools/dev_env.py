#!/usr/bin/env python3
"""Runs a Python dev tool from a pinned venv under ~/.cache/kubeless-ts/, creating it once.

    python3 apps/runtime-python/tools/dev_env.py ruff check .

The venv sees the system site-packages (pytest is installed on the machine); only the
tools pinned below are installed into it, and only when the pin list changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

PINNED = ["ruff==0.8.6"]
VENV = Path(os.environ.get("KUBELESS_TS_CACHE", Path.home() / ".cache" / "kubeless-ts")) / "runtime-python-venv"


def ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    marker = VENV / ".pins"
    wanted = hashlib.sha256("\n".join(PINNED).encode()).hexdigest()
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    venv.EnvBuilder(with_pip=True, system_site_packages=True, clear=not python.exists()).create(VENV)
    subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", *PINNED], check=True)
    marker.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_venv()
    tool = VENV / "bin" / argv[0]
    return subprocess.run([str(tool), *argv[1:]], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

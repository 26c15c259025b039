"""Init-container step (also run by the local function host): installs the function's
requirements into $KUBELESS_INSTALL_VOLUME with `pip install --prefix`.

    python3 -m kubeless_runtime.pip_install

Index settings come from the standard pip variables (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL,
PIP_TRUSTED_HOST), which pip reads itself; they are validated first and pip is run
with an argument vector, never through a shell.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$")


class InstallConfigError(ValueError):
    """An install setting is malformed or unsafe; nothing was run."""


def _check_url(name: str, value: str) -> None:
    if _CONTROL.search(value) or " " in value:
        raise InstallConfigError(f"{name} must not contain whitespace or control characters")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InstallConfigError(f"{name}={value!r} is not an http(s) URL")


def plan_pip_install(env: Mapping[str, str], python: str = sys.executable) -> tuple[list[str], dict[str, str]]:
    """Returns (argv, env) for the pip run, after validating every setting."""
    volume = env.get("KUBELESS_INSTALL_VOLUME") or "/kubeless"
    if not os.path.isabs(volume):
        raise InstallConfigError(f"KUBELESS_INSTALL_VOLUME must be an absolute path, got {volume!r}")
    deps = env.get("KUBELESS_DEPS_FILE") or os.path.join(volume, "requirements.txt")
    if not os.path.isabs(deps):
        raise InstallConfigError(f"KUBELESS_DEPS_FILE must be an absolute path, got {deps!r}")
    if "PIP_INDEX_URL" in env:
        _check_url("PIP_INDEX_URL", env["PIP_INDEX_URL"])
    for url in env.get("PIP_EXTRA_INDEX_URL", "").split():
        _check_url("PIP_EXTRA_INDEX_URL", url)
    for host in env.get("PIP_TRUSTED_HOST", "").split():
        if not _HOST.match(host):
            raise InstallConfigError(f"PIP_TRUSTED_HOST entry {host!r} is not a host name")
    child_env = dict(env)
    # A read-only root filesystem leaves no writable HOME for pip's cache.
    child_env.setdefault("PIP_CACHE_DIR", os.path.join(env.get("TMPDIR") or "/tmp", "kubeless-pip-cache"))
    argv = [python, "-m", "pip", "install", "--prefix", volume, "--requirement", deps,
            "--disable-pip-version-check", "--no-input", "--no-warn-script-location"]
    return argv, child_env


def main() -> int:
    try:
        argv, env = plan_pip_install(os.environ)
    except InstallConfigError as error:
        print(f"invalid install settings: {error}", file=sys.stderr)
        return 2
    print(" ".join(argv), flush=True)
    return subprocess.run(argv, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

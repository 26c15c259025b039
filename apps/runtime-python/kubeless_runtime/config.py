"""Runtime settings read from the Kubeless env contract (reference §3.4, §4.3)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

_MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HANDLER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class RuntimeConfigError(ValueError):
    """A runtime setting is missing or malformed; the process cannot serve the function."""


@dataclass(frozen=True)
class RuntimeConfig:
    port: int
    host: str
    install_volume: str
    module_name: str
    handler_name: str
    timeout_seconds: float
    runtime: str
    memory_limit: str
    body_limit_bytes: int
    shutdown_timeout_seconds: float
    threads: int

    def module_paths(self) -> list[str]:
        """Where the function and its deps live: the volume itself and pip's `--prefix` site-packages."""
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        return [self.install_volume, os.path.join(self.install_volume, "lib", version, "site-packages")]


def _matching(env: Mapping[str, str], name: str, pattern: re.Pattern[str]) -> str:
    value = env.get(name, "")
    if not value:
        raise RuntimeConfigError(f"{name} is required")
    if not pattern.match(value):
        raise RuntimeConfigError(f"{name}={value!r} does not match {pattern.pattern}")
    return value


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RuntimeConfigError(f"{name}={raw!r} must be a positive number") from None
    if not value > 0 or value == float("inf"):
        raise RuntimeConfigError(f"{name}={raw!r} must be a positive number")
    return value


def _integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = float(_positive(env, name, default))
    if not value.is_integer() or not low <= value <= high:
        raise RuntimeConfigError(f"{name}={env.get(name)!r} must be an integer in {low}..{high}")
    return int(value)


def read_config(env: Mapping[str, str]) -> RuntimeConfig:
    module_name = _matching(env, "MOD_NAME", _MODULE_NAME)
    if module_name == "kubeless_runtime":
        raise RuntimeConfigError("MOD_NAME may not be kubeless_runtime (the runtime's own package)")
    return RuntimeConfig(
        port=_integer(env, "FUNC_PORT", 8080, 1, 65535),
        host=env.get("FUNC_HOST") or "0.0.0.0",
        install_volume=env.get("KUBELESS_INSTALL_VOLUME") or "/kubeless",
        module_name=module_name,
        handler_name=_matching(env, "FUNC_HANDLER", _HANDLER_NAME),
        timeout_seconds=_positive(env, "FUNC_TIMEOUT", 180),
        runtime=env.get("FUNC_RUNTIME", ""),
        memory_limit=env.get("FUNC_MEMORY_LIMIT", "0"),
        body_limit_bytes=round(_positive(env, "REQ_MB_LIMIT", 1) * 1024 * 1024),
        shutdown_timeout_seconds=_positive(env, "SHUTDOWN_TIMEOUT", 10),
        threads=_integer(env, "FUNC_THREADS", 10, 1, 1000),
    )

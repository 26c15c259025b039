"""Fixtures that start the real runtime process (`python3 -m kubeless_runtime`) on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SITE_PACKAGES = f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def text(self) -> str:
        return self.body.decode()


def http(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 10) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Response(reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@dataclass
class FunctionDir:
    """A temporary install volume (KUBELESS_INSTALL_VOLUME) built up file by file."""

    path: Path

    def with_file(self, relative: str, content: str) -> FunctionDir:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
        return self

    def with_dependency(self, package: str, source: str) -> FunctionDir:
        """A package in the site-packages that `pip install --prefix` would fill."""
        return self.with_file(f"{SITE_PACKAGES}/{package}/__init__.py", source)


@dataclass
class RunningRuntime:
    process: subprocess.Popen[bytes]
    url: str
    _output: list[bytes] = field(default_factory=list)

    def output(self) -> str:
        return b"".join(self._output).decode(errors="replace")

    def call(self, path: str = "/", **kwargs: object) -> Response:
        return http(self.url + path, **kwargs)  # type: ignore[arg-type]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(timeout=15)


def start_runtime(install_volume: Path, env: dict[str, str], wait_ready: bool = True) -> RunningRuntime:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kubeless_runtime"],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_ROOT), "KUBELESS_INSTALL_VOLUME": str(install_volume),
             "FUNC_PORT": str(port), "FUNC_HOST": "127.0.0.1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    runtime = RunningRuntime(process, f"http://127.0.0.1:{port}")
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [runtime._output.append(line) for line in iter(stdout.readline, b"")], daemon=True).start()
    if wait_ready:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"runtime exited with {process.returncode}:\n{runtime.output()}")
            try:
                if http(runtime.url + "/healthz", timeout=1).status == 200:
                    return runtime
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"runtime never became healthy:\n{runtime.output()}")
    return runtime


@pytest.fixture
def function_dir() -> Iterator[FunctionDir]:
    with tempfile.TemporaryDirectory(prefix="kubeless-py-fn-") as path:
        yield FunctionDir(Path(path))


def eventually(probe, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if probe():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")

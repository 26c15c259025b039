"""The pip install step: validation, and a real offline install of a local wheel."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SITE_PACKAGES, FunctionDir

from kubeless_runtime.pip_install import InstallConfigError, plan_pip_install


def test_plan_installs_requirements_into_the_volume() -> None:
    argv, env = plan_pip_install({"KUBELESS_INSTALL_VOLUME": "/kubeless", "PIP_INDEX_URL": "https://pypi.example/simple"}, python="python3")
    assert argv == ["python3", "-m", "pip", "install", "--prefix", "/kubeless", "--requirement", "/kubeless/requirements.txt",
                    "--disable-pip-version-check", "--no-input", "--no-warn-script-location"]
    assert env["PIP_INDEX_URL"] == "https://pypi.example/simple"
    assert env["PIP_CACHE_DIR"] == "/tmp/kubeless-pip-cache"


@pytest.mark.parametrize("env", [
    {"PIP_INDEX_URL": "https://x.example/simple; rm -rf /"},
    {"PIP_INDEX_URL": "file:///etc"},
    {"PIP_INDEX_URL": "https://x.example/\nsimple"},
    {"PIP_EXTRA_INDEX_URL": "https://ok.example/ $(id)"},
    {"PIP_TRUSTED_HOST": "x.example;id"},
    {"KUBELESS_INSTALL_VOLUME": "relative"},
    {"KUBELESS_DEPS_FILE": "requirements.txt"},
])
def test_plan_refuses_unsafe_settings(env: dict[str, str]) -> None:
    with pytest.raises(InstallConfigError):
        plan_pip_install(env)


def _wheel(directory: Path, name: str, source: str) -> Path:
    """A minimal pure-Python wheel, so the install needs no index and no build backend."""
    dist_info = f"{name}-1.0.dist-info"
    files = {
        f"{name}/__init__.py": source.encode(),
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    wheel = directory / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
        archive.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel


def test_installs_into_the_prefix_site_packages_offline(function_dir: FunctionDir) -> None:
    wheel = _wheel(function_dir.path, "tinywheel", "VALUE = 42\n")
    function_dir.with_file("src/requirements.txt", f"{wheel}\n")
    result = subprocess.run(
        [sys.executable, "-m", "kubeless_runtime.pip_install"],
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT_ROOT), "HOME": str(function_dir.path), "PIP_NO_INDEX": "1",
             "KUBELESS_INSTALL_VOLUME": str(function_dir.path), "KUBELESS_DEPS_FILE": str(function_dir.path / "src/requirements.txt")},
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (function_dir.path / SITE_PACKAGES / "tinywheel/__init__.py").read_text() == "VALUE = 42\n"


def test_unsafe_settings_exit_2_without_running_pip(function_dir: FunctionDir) -> None:
    result = subprocess.run([sys.executable, "-m", "kubeless_runtime.pip_install"],
                            env={"PYTHONPATH": str(PROJECT_ROOT), "KUBELESS_INSTALL_VOLUME": str(function_dir.path), "PIP_INDEX_URL": "ftp://x"},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "invalid install settings" in result.stderr

"""Loads the user's module and runs one call of its handler.

The module is imported once per function process, so its globals (connection pools, caches)
live across calls; calls run on the connections' own threads. The supervisor replaces the whole
process only after a call exceeds FUNC_TIMEOUT (a Python thread cannot be stopped) or when the
process dies.
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .encoding import encode_result
from .function_objects import FunctionRequest, FunctionResponse

Handler = Callable[[dict[str, Any], dict[str, str]], Any]


class HandlerLoadError(Exception):
    """The function module or its handler cannot be loaded."""


def load_handler(install_volume: str, module_name: str, handler_name: str, module_paths: list[str]) -> Handler:
    for path in reversed(module_paths):
        if path not in sys.path:
            sys.path.insert(0, path)
    file = os.path.join(install_volume, f"{module_name}.py")
    if not os.path.isfile(file):
        raise HandlerLoadError(f"no {module_name}.py in {install_volume}")
    spec = importlib.util.spec_from_file_location(module_name, file)
    if spec is None or spec.loader is None:
        raise HandlerLoadError(f"cannot load {file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception:
        raise HandlerLoadError(f"cannot load {file}:\n{traceback.format_exc()}") from None
    handler = getattr(module, handler_name, None)
    if not callable(handler):
        raise HandlerLoadError(f"{module_name}.py does not define a function named {handler_name}")
    return handler


@dataclass
class Outcome:
    kind: str  # "response" | "failed" | "aborted"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    message: str = ""


def run_call(handler: Handler, call: dict[str, Any]) -> Outcome:
    """Runs one call on the calling thread. BaseException too: a SystemExit raised by user code
    must answer 500, not end the connection's thread without an answer."""
    request = FunctionRequest(**call["request"])
    response = FunctionResponse()
    event = dict(call["event"], extensions={"request": request, "response": response})
    try:
        value = handler(event, call["context"])
        if inspect.iscoroutine(value):
            value = asyncio.run(value)
        body, content_type = encode_result(value)
    except BaseException:
        message = traceback.format_exc()
        print(f"function failed: {message}", file=sys.stderr, flush=True)
        return Outcome("failed", message=message)
    headers = dict(response.headers)
    if content_type is not None and "content-type" not in headers:
        headers["content-type"] = content_type
    return Outcome("response", status=int(response.status), headers=headers, body=body)

"""Worker process that owns the user's module.

The module is imported once, so its globals (connection pools, caches) live across
calls; calls run concurrently on FUNC_THREADS threads. The server replaces the whole process
only after a call exceeds FUNC_TIMEOUT, because a Python thread cannot be stopped.
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import os
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from .channel import Channel
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


def _call(handler: Handler, call_id: int, call: dict[str, Any], send: Callable[[tuple[Any, ...]], None]) -> None:
    request = FunctionRequest(**call["request"])
    response = FunctionResponse()
    event = dict(call["event"], extensions={"request": request, "response": response})
    try:
        value = handler(event, call["context"])
        if inspect.iscoroutine(value):
            value = asyncio.run(value)
        body, content_type = encode_result(value)
    except Exception:
        message = traceback.format_exc()
        print(f"function failed: {message}", file=sys.stderr, flush=True)
        send(("failed", call_id, message))
        return
    headers = dict(response.headers)
    if content_type is not None and "content-type" not in headers:
        headers["content-type"] = content_type
    send(("response", call_id, int(response.status), headers, body))


def run(conn: Connection, settings: dict[str, Any]) -> None:
    """Process entry point (multiprocessing target)."""
    channel = Channel(conn)
    send = channel.send

    try:
        handler = load_handler(settings["install_volume"], settings["module_name"], settings["handler_name"], settings["module_paths"])
    except HandlerLoadError as error:
        send(("load-failed", str(error)))
        return
    send(("ready",))
    # FUNC_THREADS threads take turns reading the next call and run it themselves (leader and
    # followers): no hand-over from a reader thread to a pool thread, one GIL round trip less.
    reading = threading.Lock()
    gone = threading.Event()

    def serve() -> None:
        while not gone.is_set():
            with reading:
                try:
                    message = channel.recv()
                except (EOFError, OSError):
                    gone.set()
                    return
            if message[0] == "invoke":
                try:
                    _call(handler, message[1], message[2], send)
                except BaseException:  # SystemExit from user code must not end this thread
                    send(("failed", message[1], traceback.format_exc()))
            elif message[0] == "stop":
                gone.set()

    for index in range(settings["threads"]):
        threading.Thread(target=serve, name=f"function-{index}", daemon=True).start()
    gone.wait()
    # A runaway call would keep a normal exit waiting forever; the server is gone or done with us.
    os._exit(0)

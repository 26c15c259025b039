"""Runs the user's module in a persistent worker process and enforces FUNC_TIMEOUT.

After a timeout the worker is *retired*: new calls go to a fresh worker at once, the
old one keeps finishing the calls it still has and is killed when it has none left
(at the latest when their own timeouts expire), which also ends the runaway call.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from . import worker
from .channel import Channel
from .config import RuntimeConfig

# Worker processes are started fresh (no fork of a threaded server).
_CONTEXT = multiprocessing.get_context("spawn")


class FunctionLoadError(Exception):
    """The function module failed to load; the runtime cannot serve it."""


@dataclass
class Outcome:
    kind: str  # "response" | "failed" | "timeout" | "aborted"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    message: str = ""


class _Pending:
    """One call waiting for its outcome. A bare lock, held until the outcome arrives, is the
    cheapest hand-over between threads (an Event is a Condition over a lock, in Python code)."""

    def __init__(self) -> None:
        self._unset = threading.Lock()
        self._unset.acquire()
        self.outcome: Outcome | None = None

    def set(self, outcome: Outcome) -> None:
        """Called once per call: whoever removes the call from its worker's table sets it."""
        self.outcome = outcome
        self._unset.release()

    def wait(self, timeout: float) -> bool:
        return self._unset.acquire(timeout=timeout)


class _Worker:
    def __init__(self, settings: dict[str, Any], on_exit: Callable[[_Worker], None], log: Callable[[str], None]) -> None:
        parent, child = _CONTEXT.Pipe(duplex=True)
        self.conn: Connection = parent
        self.channel = Channel(parent)
        self.process = _CONTEXT.Process(target=worker.run, args=(child, settings), daemon=True, name="kubeless-function")
        self.process.start()
        child.close()
        self.pending: dict[int, _Pending] = {}
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.load_error: str | None = None
        self.retired = False
        self._on_exit = on_exit
        self._log = log
        threading.Thread(target=self._read, name="function-reader", daemon=True).start()

    def send(self, message: tuple[Any, ...]) -> None:
        self.channel.send(message)

    def _read(self) -> None:
        while True:
            try:
                message = self.channel.recv()
            except (EOFError, OSError, ValueError):  # ValueError: the channel was closed by kill()
                break
            kind = message[0]
            if kind == "ready":
                self.ready.set()
            elif kind == "load-failed":
                self.load_error = message[1]
                self.ready.set()
            elif kind == "response":
                self.settle(message[1], Outcome("response", status=message[2], headers=message[3], body=message[4]))
            elif kind == "failed":
                self.settle(message[1], Outcome("failed", message=message[2]))
        if not self.ready.is_set():
            self.load_error = self.load_error or f"the worker exited with code {self.process.exitcode} before loading the module"
            self.ready.set()
        self.abort_all("the function worker exited")
        self._on_exit(self)

    def settle(self, call_id: int, outcome: Outcome) -> None:
        with self.lock:
            pending = self.pending.pop(call_id, None)
            idle = self.retired and not self.pending
        if pending is not None:
            pending.set(outcome)
        if idle:
            self.kill()

    def abort_all(self, reason: str) -> None:
        with self.lock:
            pending, self.pending = self.pending, {}
        for call in pending.values():
            call.set(Outcome("aborted", message=reason))

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            idle = not self.pending
        if idle:
            self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.channel.close()
        self.conn.close()


class FunctionHost:
    def __init__(self, config: RuntimeConfig, log: Callable[[str], None] | None = None) -> None:
        self._settings = {
            "install_volume": config.install_volume,
            "module_name": config.module_name,
            "handler_name": config.handler_name,
            "module_paths": config.module_paths(),
            "threads": config.threads,
        }
        self._timeout = config.timeout_seconds
        self._lock = threading.Lock()
        self._next_id = 0
        self._current: _Worker | None = None
        self._stopping = False
        self._log = log or (lambda message: print(message, file=sys.stderr, flush=True))

    def start(self, load_timeout: float = 60) -> None:
        current = self._spawn()
        if not current.ready.wait(load_timeout):
            current.kill()
            raise FunctionLoadError("the function module did not load in time")
        if current.load_error is not None:
            current.kill()
            raise FunctionLoadError(current.load_error)

    def invoke(self, call: dict[str, Any]) -> Outcome:
        pending = _Pending()
        with self._lock:
            current = self._current
            if current is None or self._stopping:
                return Outcome("aborted", message="the runtime is not running")
            self._next_id += 1
            call_id = self._next_id
            with current.lock:
                current.pending[call_id] = pending
        try:
            current.send(("invoke", call_id, call))
        except (OSError, ValueError):
            current.settle(call_id, Outcome("aborted", message="the function worker is gone"))
        if pending.wait(self._timeout):
            assert pending.outcome is not None
            return pending.outcome
        with current.lock:
            abandoned = current.pending.pop(call_id, None) is not None
        if not abandoned and pending.outcome is not None:
            return pending.outcome  # finished in the instant the wait gave up
        self._retire(current)
        return Outcome("timeout")

    def serving(self) -> bool:
        """False once a replacement worker failed to load: nothing in this process recovers
        from that, so liveness must fail and the kubelet restart the container. A worker
        that is still loading counts as serving."""
        with self._lock:
            current = self._current
            return current is not None and current.load_error is None and not self._stopping

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            current, self._current = self._current, None
        if current is not None:
            current.abort_all("the runtime is shutting down")
            current.kill()

    def _spawn(self) -> _Worker:
        fresh = _Worker(self._settings, self._on_exit, self._log)
        with self._lock:
            self._current = fresh
        return fresh

    def _retire(self, stale: _Worker) -> None:
        with self._lock:
            replace = self._current is stale and not self._stopping
        if replace:
            self._log("a call exceeded FUNC_TIMEOUT; starting a new function worker and retiring the old one")
            self._spawn()
        stale.retire()

    def _on_exit(self, gone: _Worker) -> None:
        with self._lock:
            unexpected = self._current is gone and not self._stopping and gone.load_error is None and not gone.retired
        if unexpected:
            self._log(f"the function worker exited (code {gone.process.exitcode}); starting a new one")
            self._spawn()
        elif gone.load_error is not None and self._current is gone:
            self._log(f"the replacement function worker failed to load; /healthz now fails: {gone.load_error}")

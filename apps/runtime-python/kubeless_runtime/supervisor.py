"""The runtime's main process: owns the listening socket and forks the function processes.

It never imports the user's module, so every process it forks starts with fresh module state.
It answers for a function process that cannot: when one dies on its own, its unanswered calls
get 503 (408 past their deadline) on the connections it passed here, and a new one is forked;
when a call stays unanswered past its deadline plus a grace period (the watchdog thread cannot
run, e.g. C code holding the GIL), the process is killed and its calls are answered the same
way. It forwards SIGTERM/SIGINT and exits with the function processes' verdict.
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import sys
import time
from dataclasses import dataclass, field

from . import control, function_process
from .config import RuntimeConfig
from .connection_slots import ConnectionSlots
from .metrics import MetricsTable

# Past a call's deadline, how long the process's own watchdog has to answer before it is killed.
UNANSWERED_GRACE_SECONDS = 2.0
_CHECK_SECONDS = 0.25
# Live function processes at once (one serving, the rest retiring); each has a metrics region.
_REGIONS = 32
_TIMEOUT_BODY = b"Request timeout exceeded"
_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


@dataclass(eq=False)
class _Child:
    pid: int
    channel: socket.socket
    slots: ConnectionSlots
    region: int
    first: bool
    loaded: bool = False
    retiring: bool = False
    killed: bool = False
    connections: dict[int, socket.socket] = field(default_factory=dict)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _answer(connection: socket.socket, status: int, body: bytes) -> None:
    """Fails harmlessly (EPIPE) when the function process answered and shut the socket for writing."""
    phrase = "Request Timeout" if status == 408 else "Service Unavailable"
    head = (
        f"HTTP/1.1 {status} {phrase}\r\ncontent-type: text/plain; charset=utf-8\r\naccess-control-allow-origin: *\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    try:
        connection.send(head.encode("latin-1") + body, socket.MSG_DONTWAIT)
        connection.shutdown(socket.SHUT_WR)
    except OSError:
        pass


class Supervisor:
    def __init__(self, config: RuntimeConfig, access_log: bool) -> None:
        self._config = config
        self._access_log = access_log
        self._listener = socket.create_server((config.host, config.port), family=socket.AF_INET6 if ":" in config.host else socket.AF_INET,
                                              backlog=1024)
        # Non-blocking (a flag of the socket itself, so in every child too): when two processes
        # serve for a moment (one retiring), both wake for one connection, and the one that loses
        # the accept() must go back to its loop instead of blocking where no shutdown reaches it.
        self._listener.setblocking(False)
        self._metrics = MetricsTable(_REGIONS)
        self._selector = selectors.DefaultSelector()
        self._children: list[_Child] = []
        self._current: _Child | None = None
        self._stopping = False
        self._exit_code = 0
        self._next_check = 0.0

    def run(self) -> int:
        for signum in _STOP_SIGNALS:
            signal.signal(signum, self._stop)
        self._current = self._fork(first=True)
        while self._children:
            for key, _events in self._selector.select(_CHECK_SECONDS):
                self._read(key.data)
            if time.monotonic() >= self._next_check:
                self._next_check = time.monotonic() + _CHECK_SECONDS
                self._kill_unanswering()
        return self._exit_code

    def _stop(self, signum: int, _frame: object) -> None:
        if self._stopping:
            return
        self._stopping = True
        _log(f"received signal {signum}; shutting down")
        for child in self._children:
            self._signal(child, signal.SIGTERM)

    def _signal(self, child: _Child, signum: int) -> None:
        try:
            os.kill(child.pid, signum)
        except ProcessLookupError:
            pass

    def _fork(self, first: bool) -> _Child:
        used = {child.region for child in self._children}
        region = next(index for index in range(1, _REGIONS + 1) if index not in used) if len(used) < _REGIONS else self._reclaim_region()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        slots = ConnectionSlots()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        # A SIGTERM handled between fork() and the child's registration would not reach the child.
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        pid = os.fork()
        if pid == 0:
            for signum in _STOP_SIGNALS:
                signal.signal(signum, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
            ours.close()
            self._close_inherited()
            function_process.main(self._config, self._listener, theirs, slots, self._metrics, region, first, self._access_log)
        theirs.close()
        ours.setblocking(False)
        child = _Child(pid, ours, slots, region, first)
        self._children.append(child)
        self._selector.register(ours, selectors.EVENT_READ, child)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        if self._stopping:  # the signal was handled after the decision to fork, before the block
            self._signal(child, signal.SIGTERM)
        return child

    def _close_inherited(self) -> None:
        """In a new child: the other processes' channels and connections are not its own (a
        connection held open here would stay open after its process closed it)."""
        self._selector.close()
        for child in self._children:
            child.channel.close()
            for connection in child.connections.values():
                connection.close()

    def _reclaim_region(self) -> int:
        oldest = next(child for child in self._children if child.retiring)
        self._signal(oldest, signal.SIGKILL)
        self._gone(oldest)
        return oldest.region

    def _read(self, child: _Child) -> None:
        while True:
            try:
                data, fds, _flags, _address = socket.recv_fds(child.channel, 65536, 1)
            except BlockingIOError:
                return
            except OSError:
                data, fds = b"", []
            if not data:
                for fd in fds:
                    os.close(fd)
                self._gone(child)
                return
            self._message(child, data, fds)

    def _message(self, child: _Child, data: bytes, fds: list[int]) -> None:
        kind = data[:1]
        if kind == control.OPENED and fds:
            child.connections[control.slot_of(data)] = socket.socket(fileno=fds[0])
            return
        for fd in fds:
            os.close(fd)
        if kind == control.CLOSED:
            connection = child.connections.pop(control.slot_of(data), None)
            if connection is not None:
                connection.close()
        elif kind == control.READY:
            child.loaded = True
            if child.first:
                _log(f"serving {self._config.module_name}.{self._config.handler_name} on {self._config.host}:{self._config.port}")
        elif kind == control.LOAD_FAILED:
            reason = data[1:].decode(errors="replace")
            if child.first:
                _log(f"cannot load the function: {reason}")
                self._exit_code = 1
            else:
                _log(f"the replacement function worker failed to load; /healthz now fails: {reason}")
        elif kind == control.RETIRING:
            self._retire(child, "a call exceeded FUNC_TIMEOUT; starting a new function worker and retiring the old one")

    def _retire(self, child: _Child, reason: str) -> None:
        if child.retiring:
            return
        child.retiring = True
        if child is self._current and not self._stopping:
            _log(reason)
            self._current = self._fork(first=False)

    def _kill_unanswering(self) -> None:
        now = time.monotonic()
        for child in self._children:
            if child.killed:
                continue
            deadlines = [child.slots.get(slot) for slot in child.connections]
            if any(0 < deadline < now - UNANSWERED_GRACE_SECONDS for deadline in deadlines):
                child.killed = True
                self._retire(child, "a call exceeded FUNC_TIMEOUT and its process could not answer; killing it and starting a new one")
                self._signal(child, signal.SIGKILL)

    def _gone(self, child: _Child) -> None:
        if child not in self._children:
            return
        self._children.remove(child)
        self._selector.unregister(child.channel)
        child.channel.close()
        _pid, status = os.waitpid(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        now = time.monotonic()
        for slot, connection in child.connections.items():
            deadline = child.slots.get(slot)
            if deadline > 0:
                if now >= deadline:
                    _answer(connection, 408, _TIMEOUT_BODY)
                else:
                    _answer(connection, 503, b"Service Unavailable: the function worker exited")
            connection.close()
        child.connections.clear()
        self._metrics.fold(child.region)
        if child.first and not child.loaded:
            self._exit_code = 1
            self._stopping = True
            for other in self._children:
                self._signal(other, signal.SIGTERM)
        elif self._stopping:
            if code != 0 and not child.retiring:
                self._exit_code = 1
        elif child is self._current:
            _log(f"the function worker exited (code {code}); starting a new one")
            self._current = self._fork(first=False)

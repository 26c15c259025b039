"""A function process: forked by the supervisor, it imports the user's module and is the HTTP
server too, so a call runs on its connection's own thread with no hand-over to another process.

A Python thread cannot be stopped, so when a call exceeds FUNC_TIMEOUT the watchdog answers
408 and the process *retires*: it tells the supervisor (which forks a fresh process on the
same listening socket at once), stops accepting, answers the calls it still has with
`Connection: close` and exits as soon as none is left (at the latest when their own deadlines
pass), which also ends the runaway call. Module state therefore restarts after a timeout,
never otherwise.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
from typing import Any

from . import control
from .call_watch import CallWatch, WatchedCall
from .config import RuntimeConfig
from .connection_slots import NO_SLOT, ConnectionSlots
from .metrics import FunctionMetrics, MetricsTable
from .server import RuntimeServer
from .worker import Handler, HandlerLoadError, Outcome, load_handler, run_call

# How long a retired process waits past FUNC_TIMEOUT for its last calls (their watchdog answers
# them by then; this bounds only a process that cannot run its watchdog).
_RETIRE_SLACK_SECONDS = 5.0


class FunctionProcess:
    def __init__(self, config: RuntimeConfig, handler: Handler | None, channel: control.ControlChannel, slots: ConnectionSlots,
                 metrics: FunctionMetrics) -> None:
        self.config = config
        self.handler = handler
        self.metrics = metrics
        self.retiring = False
        self.server: RuntimeServer | None = None
        self._channel = channel
        self._slots = slots
        self._retire_lock = threading.Lock()
        self._watch = CallWatch(config.timeout_seconds, slots, self._expired)
        self._watch.start_thread()

    def serving(self) -> bool:
        """False when this process is a replacement whose module failed to load: nothing recovers
        from that here, so liveness must fail and the kubelet restart the container."""
        return self.handler is not None

    def call(self, owner: Any, call: dict[str, Any]) -> Outcome | None:
        """The call's outcome, or None when its deadline passed and the watchdog answered it."""
        if self.handler is None:
            return Outcome("aborted", message="the function worker cannot be started")
        watched = self._watch.start(self.server.slot_of(owner.connection) if self.server else NO_SLOT, owner)
        outcome = run_call(self.handler, call)
        return outcome if self._watch.finish(watched) else None

    def connection_opened(self, connection: socket.socket) -> int:
        slot = self._slots.acquire()
        if slot != NO_SLOT:
            self._channel.send(control.OPENED, control.slot_bytes(slot), [connection.fileno()])
        return slot

    def connection_closed(self, slot: int) -> None:
        if slot != NO_SLOT:
            self._channel.send(control.CLOSED, control.slot_bytes(slot))
            self._slots.release(slot)

    def _expired(self, watched: WatchedCall) -> None:
        owner = watched.owner
        self.metrics.observe(owner.command, self.config.timeout_seconds, failed=True)
        # Retire first: a client that reads the 408 and calls again must reach the fresh process.
        self.retire()
        owner.answer_timeout()

    def retire(self) -> None:
        with self._retire_lock:
            if self.retiring:
                return
            self.retiring = True
        self._channel.send(control.RETIRING)
        if self.server is not None:
            # serve_forever() runs on the main thread; shutdown() waits for it, so call it from another.
            threading.Thread(target=self.server.shutdown, daemon=True).start()


def run(config: RuntimeConfig, listener: socket.socket, control_socket: socket.socket, slots: ConnectionSlots, table: MetricsTable,
        region: int, first: bool, access_log: bool) -> int:
    """Body of a forked function process; its return value is the exit code."""
    channel = control.ControlChannel(control_socket)
    stopping = threading.Event()
    try:
        handler: Handler | None = load_handler(config.install_volume, config.module_name, config.handler_name, config.module_paths())
    except HandlerLoadError as error:
        channel.send(control.LOAD_FAILED, str(error).encode()[:60000])
        if first:
            return 1
        handler = None  # a replacement that cannot load answers 503, /healthz included
    else:
        channel.send(control.READY)
    process = FunctionProcess(config, handler, channel, slots, FunctionMetrics(table, region))
    server = RuntimeServer(config, listener, process, access_log=access_log)
    process.server = server

    def shutdown(_signum: int, _frame: object) -> None:
        if not stopping.is_set():
            stopping.set()
            server.closing = True
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    server.serve_forever()
    # Retired or stopping: the next process (if any) accepts on the listening socket from now on.
    listener.close()
    limit = config.shutdown_timeout_seconds if stopping.is_set() else config.timeout_seconds + _RETIRE_SLACK_SECONDS
    drained = server.wait_idle(limit)
    return 0 if drained else 1


def main(*args: Any) -> None:
    """Runs `run` in the forked child and ends it with os._exit: a runaway call's thread must not
    keep it alive, and nothing of the supervisor's stack may run in the child."""
    code = 1
    try:
        code = run(*args)
    except BaseException:  # noqa: B036 - the child must always end here
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)

"""FUNC_TIMEOUT inside a function process: one watchdog thread holds every call's deadline.

Every call has the same timeout, so deadlines expire in the order the calls started: the
watchdog sleeps until the oldest one and is never woken per call. Whoever takes a call out of
the table first answers it, the handler (finish() is True) or the watchdog (408), so a call
finishing in the instant its deadline passes still gets exactly one answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from .connection_slots import ConnectionSlots


class WatchedCall:
    __slots__ = ("deadline", "slot", "owner", "answered")

    def __init__(self, deadline: float, slot: int, owner: Any) -> None:
        self.deadline = deadline
        self.slot = slot
        self.owner = owner
        # Set when the watchdog takes the call: the handler, finishing late, waits on it before
        # it may close the connection the 408 is written to. Made only then (a call stays cheap).
        self.answered: threading.Event | None = None


class CallWatch:
    def __init__(self, timeout: float, slots: ConnectionSlots, on_expired: Callable[[WatchedCall], None]) -> None:
        self._timeout = timeout
        self._slots = slots
        self._on_expired = on_expired
        self._lock = threading.Lock()
        # Insertion order is deadline order (same timeout, deadlines taken under the lock).
        self._calls: dict[WatchedCall, None] = {}

    def start(self, slot: int, owner: Any) -> WatchedCall:
        with self._lock:
            call = WatchedCall(time.monotonic() + self._timeout, slot, owner)
            self._calls[call] = None
            self._slots.set(slot, call.deadline)
        return call

    def finish(self, call: WatchedCall) -> bool:
        """True: the caller answers. False: the deadline passed and the watchdog has answered
        (this waits until it has)."""
        with self._lock:
            taken = call in self._calls
            if taken:
                del self._calls[call]
                self._slots.set(call.slot, 0.0)
        if not taken and call.answered is not None:
            call.answered.wait()
        return taken

    def expire_due(self, now: float) -> list[WatchedCall]:
        """Takes out every call whose deadline has passed; the caller answers them with 408 and
        then calls answered(). Until then the supervisor still sees them as unanswered, so a
        process killed in between does not leave them without an answer."""
        expired: list[WatchedCall] = []
        with self._lock:
            for call in self._calls:
                if call.deadline > now:
                    break
                expired.append(call)
            for call in expired:
                del self._calls[call]
                call.answered = threading.Event()
        return expired

    def answered(self, call: WatchedCall) -> None:
        self._slots.set(call.slot, 0.0)
        if call.answered is not None:
            call.answered.set()

    def next_deadline(self) -> float | None:
        with self._lock:
            return next(iter(self._calls)).deadline if self._calls else None

    def run(self) -> None:
        """The watchdog thread. A call started while it sleeps expires after the wake-up."""
        while True:
            for call in self.expire_due(time.monotonic()):
                self._on_expired(call)
                self.answered(call)
            deadline = self.next_deadline()
            time.sleep(self._timeout if deadline is None else max(deadline - time.monotonic(), 0.001))

    def start_thread(self) -> None:
        threading.Thread(target=self.run, name="call-watchdog", daemon=True).start()

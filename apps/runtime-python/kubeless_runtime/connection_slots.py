"""What the supervisor must know about a function process's connections to answer for it.

One slot per open connection in memory shared with the supervisor (MAP_SHARED, inherited by
fork): the deadline (CLOCK_MONOTONIC, the same clock in every process) of the call running on
it, or 0 when no call is waiting for an answer. The function process sets and clears it with a
plain store, no syscall; it clears a slot *before* writing any byte of the answer, so when the
process is gone the supervisor answers exactly the calls nobody answered: 408 past their
deadline, else 503.
"""

from __future__ import annotations

import mmap
import threading

NO_SLOT = -1


class ConnectionSlots:
    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._memory = mmap.mmap(-1, size * 8)
        self.deadlines = memoryview(self._memory).cast("d")
        self._free = list(range(size - 1, -1, -1))
        self._lock = threading.Lock()

    def acquire(self) -> int:
        """A free slot, or NO_SLOT when every one is taken (that connection is then not covered)."""
        with self._lock:
            return self._free.pop() if self._free else NO_SLOT

    def release(self, slot: int) -> None:
        if slot != NO_SLOT:
            self.deadlines[slot] = 0.0
            with self._lock:
                self._free.append(slot)

    def set(self, slot: int, deadline: float) -> None:
        if slot != NO_SLOT:
            self.deadlines[slot] = deadline

    def get(self, slot: int) -> float:
        return self.deadlines[slot] if slot != NO_SLOT else 0.0

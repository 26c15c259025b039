"""Messages from a function process to its supervisor over a SOCK_SEQPACKET socket pair
(message boundaries kept, file descriptors passed with SCM_RIGHTS).

Per connection, not per call: the supervisor holds a duplicate of every connection so that it
can still answer the calls of a function process that died or had to be killed.
"""

from __future__ import annotations

import socket
import threading

READY = b"r"  # the module loaded
LOAD_FAILED = b"f"  # + the reason (UTF-8)
RETIRING = b"t"  # a call timed out: this process takes no new connections; start another
OPENED = b"o"  # + slot (4 bytes), with the connection's descriptor
CLOSED = b"c"  # + slot (4 bytes)


def slot_bytes(slot: int) -> bytes:
    return slot.to_bytes(4, "big", signed=True)


def slot_of(payload: bytes) -> int:
    return int.from_bytes(payload[1:5], "big", signed=True)


class ControlChannel:
    """The function process's end; sends from any thread."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._lock = threading.Lock()

    def send(self, kind: bytes, payload: bytes = b"", fds: list[int] | None = None) -> None:
        try:
            with self._lock:
                if fds:
                    socket.send_fds(self._sock, [kind + payload], fds)
                else:
                    self._sock.send(kind + payload)
        except OSError:
            pass  # the supervisor is gone; this process is about to be ended too

"""Messages between the server and the function worker: length-prefixed pickles on the
socket pair of a multiprocessing Pipe, read through a buffer.

multiprocessing's Connection.recv() makes two read syscalls per message and send() one
write; every syscall releases the GIL, and getting it back among the connection threads
is the dearest part of a small call. Reading through a buffer takes every message that
has arrived with one read, so under load many calls or results cost one syscall.
"""

from __future__ import annotations

import pickle
import socket
import struct
import threading
from multiprocessing.connection import Connection
from typing import Any

_HEADER = struct.Struct("!I")


class Channel:
    def __init__(self, conn: Connection) -> None:
        # A duplicate of the Pipe's descriptor (a Unix socket pair); the Connection keeps its own.
        self._sock = socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
        self._reader = self._sock.makefile("rb", buffering=1 << 16)
        self._send_lock = threading.Lock()

    def send(self, message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        with self._send_lock:
            self._sock.sendall(_HEADER.pack(len(data)) + data)

    def recv(self) -> tuple[Any, ...]:
        """The next message; EOFError once the other side is gone."""
        header = self._reader.read(_HEADER.size)
        if len(header) < _HEADER.size:
            raise EOFError
        (size,) = _HEADER.unpack(header)
        data = self._reader.read(size)
        if len(data) < size:
            raise EOFError
        message: tuple[Any, ...] = pickle.loads(data)
        return message

    def close(self) -> None:
        for closable in (self._reader, self._sock):
            try:
                closable.close()
            except OSError:
                pass

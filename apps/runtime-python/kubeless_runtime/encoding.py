"""Turns a handler's return value into an HTTP body and a default content type."""

from __future__ import annotations

import json
from typing import Any


def encode_result(value: Any) -> tuple[bytes, str | None]:
    """str → UTF-8 text, bytes → as-is, None → empty body, anything else → JSON."""
    if value is None:
        return b"", None
    if isinstance(value, str):
        return value.encode("utf-8"), "text/plain; charset=utf-8"
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value), "application/octet-stream"
    return json.dumps(value).encode("utf-8"), "application/json; charset=utf-8"

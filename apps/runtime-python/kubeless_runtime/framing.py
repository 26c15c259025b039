"""HTTP/1.1 message framing checks the standard library leaves out (RFC 9112).

http.server accepts header lines it cannot parse (a bare CR splits a line in two, a line
without a colon silently ends the headers) and leaves the body to the handler. Anything
ambiguous here could desynchronise a keep-alive connection or smuggle a second request,
so it is refused with 400 and the connection is closed; nothing is read without a bound.
"""

from __future__ import annotations

import re
from email.message import Message
from typing import BinaryIO

_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# field-name ":" OWS field-value: visible ASCII, SP, HTAB and obs-text only; CRLF (or LF) ends it.
_HEADER_LINE = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e\x80-\xff]*\r?\n")
_DIGITS = re.compile(r"[0-9]+")
_HEX = re.compile(rb"[0-9A-Fa-f]+")
_CHUNK_EXT = re.compile(rb"[\t\x20-\x7e\x80-\xff]*")
_VERSIONS = ("HTTP/1.0", "HTTP/1.1")
_MAX_LINE = 8192
_MAX_TRAILERS = 100
# More digits than this is more than any body limit; parsing them would only cost CPU.
_MAX_LENGTH_DIGITS = 18


class MalformedRequest(Exception):
    """The request's framing is invalid (400); the connection cannot be reused."""


class BodyTooLarge(Exception):
    """The body exceeds REQ_MB_LIMIT (413)."""


class UnsupportedTransferCoding(Exception):
    """A well-formed Transfer-Encoding other than plain chunked (501)."""


def check_head(command: str, version: str, header_lines: list[bytes]) -> str | None:
    """Why the request line and raw header lines are malformed, or None."""
    if version not in _VERSIONS:
        return f"unsupported HTTP version {version}"
    if not _TOKEN.fullmatch(command.encode("latin-1", "replace")):
        return "invalid method"
    for line in header_lines:
        if line in (b"\r\n", b"\n", b""):
            break
        if not _HEADER_LINE.fullmatch(line):
            return "malformed header line"
    return None


def read_body(headers: Message, rfile: BinaryIO, limit: int) -> bytes:
    transfer_encodings = headers.get_all("transfer-encoding") or []
    lengths = headers.get_all("content-length") or []
    if transfer_encodings:
        if lengths:
            raise MalformedRequest("both Transfer-Encoding and Content-Length")
        codings = [coding.strip().lower() for value in transfer_encodings for coding in value.split(",")]
        if codings[-1] != "chunked":
            raise MalformedRequest("the final transfer coding is not chunked")
        if codings != ["chunked"]:
            raise UnsupportedTransferCoding(", ".join(codings))
        return _read_chunked(rfile, limit)
    length = _content_length(lengths, limit)
    if length == 0:
        return b""
    body = rfile.read(length)
    if len(body) != length:
        raise MalformedRequest("the body is shorter than Content-Length")
    return body


def _content_length(values: list[str], limit: int) -> int:
    numbers = {part.strip() for value in values for part in value.split(",")}
    if not numbers:
        return 0
    if len(numbers) != 1:
        raise MalformedRequest("conflicting Content-Length values")
    (digits,) = numbers
    if not _DIGITS.fullmatch(digits):
        raise MalformedRequest("Content-Length is not a non-negative integer")
    if len(digits) > _MAX_LENGTH_DIGITS or int(digits) > limit:
        raise BodyTooLarge()
    return int(digits)


def _read_line(rfile: BinaryIO) -> bytes:
    line = rfile.readline(_MAX_LINE + 1)
    if not line.endswith(b"\n"):
        raise MalformedRequest("chunk line too long or connection closed")
    return line.rstrip(b"\r\n")


def _read_chunked(rfile: BinaryIO, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        size_field, _, extension = _read_line(rfile).partition(b";")
        size_field = size_field.rstrip(b" \t")
        if not _HEX.fullmatch(size_field) or not _CHUNK_EXT.fullmatch(extension):
            raise MalformedRequest("invalid chunk size")
        if len(size_field.lstrip(b"0")) > 16:
            raise BodyTooLarge()
        size = int(size_field, 16)
        if size == 0:
            _skip_trailers(rfile)
            return b"".join(chunks)
        total += size
        if total > limit:
            raise BodyTooLarge()
        chunk = rfile.read(size)
        if len(chunk) != size or rfile.read(2) not in (b"\r\n",):
            raise MalformedRequest("chunk data does not match its size")
        chunks.append(chunk)


def _skip_trailers(rfile: BinaryIO) -> None:
    for _ in range(_MAX_TRAILERS):
        line = _read_line(rfile)
        if line == b"":
            return
        if not _HEADER_LINE.fullmatch(line + b"\r\n"):
            raise MalformedRequest("malformed trailer line")
    raise MalformedRequest("too many trailer lines")

"""The request head read and parsed here instead of by http.server's parse_request.

The standard library parses header lines with the email package's feed parser, the dearest
part of a small call (about a fifth of a function process's CPU under load). Every line the
runtime accepts is already checked against RFC 9112's field-line grammar (framing.check_head:
no folding, no line without a colon), and for such lines the email parser's result is simply
(name, value with leading SP/HTAB and the line ending removed), in order: that is built here
directly, into the same Message class, so everything reading the headers behaves as before.
"""

from __future__ import annotations

from email.message import Message

# http.client's bounds, with the same messages (its LineTooLong and "too many headers").
MAX_LINE = 65536
MAX_HEADERS = 100
_END = (b"\r\n", b"\n", b"")


class HeadTooLarge(Exception):
    """431: a header line longer than MAX_LINE or more than MAX_HEADERS lines."""

    def __init__(self, message: str, explain: str) -> None:
        super().__init__(explain)
        self.message = message
        self.explain = explain


def read_head_lines(rfile: object) -> list[bytes]:
    """The raw header lines up to and including the blank line (or b"" at end of stream)."""
    readline = rfile.readline  # type: ignore[attr-defined]
    lines: list[bytes] = []
    while True:
        line: bytes = readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise HeadTooLarge("Line too long", f"got more than {MAX_LINE} bytes when reading header line")
        lines.append(line)
        if len(lines) > MAX_HEADERS:
            raise HeadTooLarge("Too many headers", f"got more than {MAX_HEADERS} headers")
        if line in _END:
            return lines


def parse_head_lines(lines: list[bytes], message_class: type[Message]) -> Message:
    """The headers of lines that passed check_head, as the email parser would give them."""
    message = message_class()
    for line in lines:
        if line in _END:
            break
        name, _, value = line.decode("iso-8859-1").partition(":")
        message.set_raw(name, value.lstrip(" \t").rstrip("\r\n"))
    return message

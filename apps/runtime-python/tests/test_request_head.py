"""The runtime's own header parsing gives what http.server's (the email parser) gives for every
head the runtime accepts, and the same 431 bounds."""

from __future__ import annotations

import io
from http.client import HTTPMessage, parse_headers

import pytest

from kubeless_runtime.framing import check_head
from kubeless_runtime.request_head import MAX_HEADERS, MAX_LINE, HeadTooLarge, parse_head_lines, read_head_lines

HEADS = [
    b"Host: a\r\n\r\n",
    b"Host: a\r\nContent-Type: application/json\r\nX-Empty:\r\nX-Spaces:   padded value  \r\n\r\n",
    b"host:a\r\nHOST: b\r\nX-Tab:\tv\r\nCookie: a=1; b=2\r\nCookie: c=3\r\n\r\n",
    b"Host: a\nX-Bare-LF: v\n\n",
    b"X-Obs-Text: caf\xe9 \xff\r\nX-Colon: a:b:c\r\nX-Tokens!#$%&'*+.^_`|~: v\r\n\r\n",
    b"Host: a\r\n",  # the stream ends before the blank line
]


@pytest.mark.parametrize("head", HEADS)
def test_same_headers_as_the_standard_library(head: bytes) -> None:
    lines = read_head_lines(io.BytesIO(head))
    assert check_head("POST", "HTTP/1.1", lines) is None
    ours = parse_head_lines(lines, HTTPMessage)
    theirs = parse_headers(io.BytesIO(head))
    assert ours.items() == theirs.items()
    assert ours.get_all("cookie") == theirs.get_all("cookie")
    assert ours.get("HOST") == theirs.get("HOST")


def test_reads_only_the_head() -> None:
    stream = io.BytesIO(b"Host: a\r\nContent-Length: 5\r\n\r\nhello")
    assert read_head_lines(stream) == [b"Host: a\r\n", b"Content-Length: 5\r\n", b"\r\n"]
    assert stream.read() == b"hello"


def test_a_line_over_the_bound_is_431() -> None:
    with pytest.raises(HeadTooLarge) as error:
        read_head_lines(io.BytesIO(b"X-Long: " + b"a" * MAX_LINE + b"\r\n\r\n"))
    assert (error.value.message, error.value.explain) == ("Line too long", f"got more than {MAX_LINE} bytes when reading header line")


def test_too_many_lines_is_431() -> None:
    head = b"".join(f"X-{i}: v\r\n".encode() for i in range(MAX_HEADERS + 1)) + b"\r\n"
    with pytest.raises(HeadTooLarge) as error:
        read_head_lines(io.BytesIO(head))
    assert error.value.message == "Too many headers"

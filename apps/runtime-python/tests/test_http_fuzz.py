"""Malformed HTTP/1.1 against the real runtime process over raw sockets.

Every case must get exactly one well-formed 4xx response and no second response (a
second one would mean the connection was desynchronised), and the server must keep serving.
"""

from __future__ import annotations

import re
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FunctionDir, RunningRuntime, start_runtime

LIMIT = 10 * 1024  # REQ_MB_LIMIT=0.01 in bytes, rounded as the runtime does
_STATUS_LINE = re.compile(rb"HTTP/1\.[01] ([0-9]{3}) [^\r\n]*")
_HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*)")


def _heads(method: str, path: str) -> list[tuple[str, bytes]]:
    line = f"{method} {path} HTTP/1.1\r\nHost: fuzz\r\n".encode()
    cases: list[tuple[str, bytes]] = []
    for value in ["abc", "-1", "-100", "1.5", "0x10", "+5", "5 5", "1e3", "", " ", "١٢", "5,6", "99999999999999999999999", str(LIMIT * 2)]:
        cases.append((f"content-length {value!r}", line + f"Content-Length: {value}\r\n\r\nhello".encode()))
    cases.append(("conflicting content-lengths", line + b"Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"))
    cases.append(("content-length with transfer-encoding", line + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
    chunked = line + b"Transfer-Encoding: chunked\r\n\r\n"
    for size in [b"-5", b"zz", b"0x5", b"", b" ", b"5 5", b"+5", b"g", b"fffffffffffffffffffffff"]:
        cases.append((f"chunk size {size!r}", chunked + size + b"\r\nhello\r\n0\r\n\r\n"))
    cases.append(("chunk longer than its size", chunked + b"5\r\nhelloXX\r\n0\r\n\r\n"))
    cases.append(("chunk cut short", chunked + b"5\r\nhel"))
    cases.append(("chunk without CRLF", chunked + b"5\r\nhello"))
    cases.append(("chunked over the limit", chunked + f"{LIMIT + 2048:x}\r\n".encode() + b"x" * (LIMIT + 2048) + b"\r\n0\r\n\r\n"))
    for coding in [b"chunked, gzip", b"chunkedx", b"xchunked", b"gzip"]:
        cases.append((f"transfer-encoding {coding!r}", line + b"Transfer-Encoding: " + coding + b"\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
    for header in [b"Host2 : x", b"NoColon", b"X: a\x00b", b"X: a\rContent-Length: 5", b"X\x01Y: z", b": novalue", b"X-Long: " + b"a" * 70_000]:
        cases.append((f"header {header[:24]!r}", line + header + b"\r\n\r\n"))
    cases.append(("invalid json", line + b"Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{nope"))
    return cases


def _request_lines() -> list[tuple[str, bytes]]:
    return [
        ("no target", b"GET\r\n\r\n"),
        ("HTTP/0.9", b"GET /\r\n\r\n"),
        ("extra word", b"GET / HTTP/1.1 extra\r\nHost: fuzz\r\n\r\n"),
        ("bad method", b"G@T / HTTP/1.1\r\nHost: fuzz\r\n\r\n"),
        ("bad version", b"GET / HTTP/1.x\r\nHost: fuzz\r\n\r\n"),
        ("other protocol", b"GET / FTP/1.1\r\nHost: fuzz\r\n\r\n"),
        ("tls hello", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 32 + b"\r\n\r\n"),
        ("long target", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: fuzz\r\n\r\n"),
        ("too many headers", b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n"),
    ]


def malformed_requests() -> list[tuple[str, bytes]]:
    cases = _request_lines()
    for method in ["POST", "PUT", "PATCH", "DELETE"]:
        for path in ["/", "/a/b?x=1"]:
            cases.extend((f"{method} {path} {name}", raw) for name, raw in _heads(method, path))
    return cases


def exchange(url: str, raw: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        try:
            connection.sendall(raw)
            connection.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything: the answer is still there
        received = b""
        while True:
            try:
                data = connection.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            received += data
    return received


def single_response_status(received: bytes) -> int:
    """The status of the one well-formed response in `received`; fails on anything else."""
    head, separator, rest = received.partition(b"\r\n\r\n")
    assert separator, f"no complete response head: {received[:200]!r}"
    status_line, *header_lines = head.split(b"\r\n")
    status = _STATUS_LINE.fullmatch(status_line)
    assert status, f"bad status line {status_line!r}"
    headers: dict[bytes, bytes] = {}
    for header_line in header_lines:
        header = _HEADER.fullmatch(header_line)
        assert header, f"bad header line {header_line!r}"
        headers[header.group(1).lower()] = header.group(2)
    if b"content-length" in headers:
        length = int(headers[b"content-length"])
        assert len(rest) == length, f"a second response or a short body after {head!r}: {rest[:200]!r}"
    else:
        assert headers.get(b"connection", b"").lower() == b"close", f"unframed response {head!r}"
    return int(status.group(1))


@pytest.fixture(scope="module")
def runtime() -> Iterator[RunningRuntime]:
    with tempfile.TemporaryDirectory(prefix="kubeless-py-fuzz-") as path:
        volume = FunctionDir(Path(path)).with_file("fn.py", "def main(event, context):\n    return 'ok'\n")
        running = start_runtime(volume.path, {"MOD_NAME": "fn", "FUNC_HANDLER": "main", "REQ_MB_LIMIT": "0.01", "ACCESS_LOG": "false"})
        yield running
        running.stop()


def test_corpus_is_a_few_hundred_cases() -> None:
    assert len(malformed_requests()) >= 300


def test_every_malformed_request_gets_one_well_formed_4xx_and_the_server_keeps_serving(runtime: RunningRuntime) -> None:
    failures: list[str] = []
    for index, (name, raw) in enumerate(malformed_requests()):
        try:
            status = single_response_status(exchange(runtime.url, raw))
            if not 400 <= status < 500:
                failures.append(f"{name}: {status}")
        except (AssertionError, OSError) as error:
            failures.append(f"{name}: {error}")
        if index % 25 == 0:
            assert runtime.call("/").status == 200, f"stopped serving after {name}"
    assert failures == []
    assert runtime.call("/").text() == "ok"
    assert runtime.process.poll() is None


def test_negative_content_length_does_not_desynchronise_keep_alive(runtime: RunningRuntime) -> None:
    smuggled = b"GET /smuggled HTTP/1.1\r\nHost: fuzz\r\n\r\n"
    received = exchange(runtime.url, b"POST / HTTP/1.1\r\nHost: fuzz\r\nContent-Length: -5\r\n\r\n" + smuggled)
    assert single_response_status(received) == 400


def test_valid_chunked_and_content_length_bodies_still_work(runtime: RunningRuntime) -> None:
    ok = b"POST / HTTP/1.1\r\nHost: fuzz\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"
    assert single_response_status(exchange(runtime.url, ok)) == 200
    assert single_response_status(exchange(runtime.url, b"PUT / HTTP/1.1\r\nHost: fuzz\r\nContent-Length: 5\r\n\r\nhello")) == 200

"""HTTP surface of the runtime: /healthz, /metrics, and every other method and path to the function."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from .config import RuntimeConfig
from .events import InvalidJsonBody, decode_event
from .framing import BodyTooLarge, MalformedRequest, UnsupportedTransferCoding, check_head, read_body
from .metrics import CONTENT_TYPE
from .request_head import HeadTooLarge, parse_head_lines, read_head_lines
from .worker import Outcome

if TYPE_CHECKING:
    from .function_process import FunctionProcess

TIMEOUT_BODY = b"Request timeout exceeded"
CORS_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE"
# Framing is computed here, never copied from what the function asked for.
_HOP_HEADERS = {"content-length", "transfer-encoding", "connection"}
# After an error answer the client may still be sending; what it sends is read and dropped,
# within these bounds, so that closing does not reset the connection before the answer is read.
_LINGER_BYTES = 1 << 20
_LINGER_SECONDS = 2.0
_LOG_FLUSH_SECONDS = 1.0
_IDLE_POLL_SECONDS = 0.01
_PHRASES = {status.value: status.phrase for status in HTTPStatus}


_stamp: list[tuple[int, str]] = [(0, "")]
_date: list[tuple[int, str]] = [(0, "")]


def _utc_second() -> str:
    """The access log's timestamp, formatted once a second (one tuple swapped in: thread-safe)."""
    now = int(time.time())
    stamp = _stamp[0]
    if stamp[0] != now:
        stamp = (now, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)))
        _stamp[0] = stamp
    return stamp[1]


def _flush_access_log() -> None:
    """Access-log lines reach stdout within a second, in one write for all of them."""
    while True:
        time.sleep(_LOG_FLUSH_SECONDS)
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            return


class RuntimeServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops connections when many clients connect at once.
    request_queue_size = 1024

    def __init__(self, config: RuntimeConfig, listener: socket.socket, process: FunctionProcess, access_log: bool = True) -> None:
        self.config = config
        self.process = process
        self.metrics = process.metrics
        self.access_log = access_log
        self.closing = False
        self._in_flight = 0
        self._count_lock = threading.Lock()
        self.context = {
            "function-name": config.handler_name,
            "timeout": f"{config.timeout_seconds:g}",
            "runtime": config.runtime,
            "memory-limit": config.memory_limit,
        }
        # The supervisor bound the socket; every function process it forks serves on it in turn.
        super().__init__(listener.getsockname()[:2], RuntimeRequestHandler, bind_and_activate=False)
        self.socket.close()
        self.socket = listener
        self._slots: dict[int, int] = {}
        # Accepted connections whose first request has not been dispatched yet: a stopping or
        # retired process waits for them too (exiting would reset a request already on its way).
        self._unserved: set[int] = set()
        if access_log:
            threading.Thread(target=_flush_access_log, name="access-log-flusher", daemon=True).start()

    def enter(self) -> None:
        with self._count_lock:
            self._in_flight += 1

    def leave(self) -> None:
        with self._count_lock:
            self._in_flight -= 1

    def wait_idle(self, timeout: float) -> bool:
        """Polled: only a stopping or retired process waits, and a call stays cheap (no notify)."""
        deadline = time.monotonic() + timeout
        while self._in_flight > 0 or self._unserved:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_IDLE_POLL_SECONDS)
        return True

    def _handle_request_noblock(self) -> None:
        # Retiring: leave new connections in the shared listen queue for the fresh process
        # (serve_forever ends as soon as the shutdown requested by retire() is seen).
        if self.process.retiring:
            return
        super()._handle_request_noblock()

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots[request.fileno()] = self.process.connection_opened(request)
        self._unserved.add(request.fileno())
        super().process_request(request, client_address)

    def served(self, request: Any) -> None:
        self._unserved.discard(request.fileno())

    def slot_of(self, request: Any) -> int:
        return self._slots.get(request.fileno(), -1)

    def close_request(self, request: Any) -> None:
        self.process.connection_closed(self._slots.pop(request.fileno(), -1))
        self._unserved.discard(request.fileno())
        super().close_request(request)

    def shutdown_request(self, request: Any) -> None:
        """A lingering close: unread input at close() makes the kernel send a reset, which can destroy
        an answer (a 413 for a body still arriving) before the client reads it."""
        try:
            request.shutdown(socket.SHUT_WR)
            request.settimeout(_LINGER_SECONDS)
            deadline = time.monotonic() + _LINGER_SECONDS
            drained = 0
            while drained < _LINGER_BYTES and time.monotonic() < deadline:
                chunk = request.recv(65536)
                if not chunk:
                    break
                drained += len(chunk)
        except OSError:
            pass
        self.close_request(request)


class RuntimeRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Buffered: head and body leave in one send when handle_one_request() flushes. Every
    # syscall releases the GIL, and taking it back among dozens of connection threads is the
    # dearest part of a small call. Nagle stays off for whatever is still written in parts.
    wbufsize = -1
    disable_nagle_algorithm = True
    # Error responses to unparseable request lines need a status line (HTTP/0.9 has none).
    default_request_version = "HTTP/1.1"
    server: RuntimeServer

    def parse_request(self) -> bool:
        """http.server's parse_request for the three-word request lines the runtime accepts, with
        the same answers to bad versions, but the header lines read and parsed by request_head."""
        self.command = None  # type: ignore[assignment]
        self.request_version = self.default_request_version
        self.close_connection = True
        self.requestline = requestline = self.raw_requestline.decode("iso-8859-1").rstrip("\r\n")
        words = requestline.split()
        if len(words) != 3:
            # send_error logs these, which parse_request would have set.
            self.command = ""
            self.send_error(400, "Bad request line")
            return False
        command, path, version = words
        try:
            if not version.startswith("HTTP/"):
                raise ValueError
            numbers = version.split("/", 1)[1].split(".")
            if len(numbers) != 2 or not all(n.isdigit() and len(n) <= 10 for n in numbers):
                raise ValueError
            number = (int(numbers[0]), int(numbers[1]))
        except ValueError:
            self.send_error(400, f"Bad request version ({version!r})")
            return False
        if number >= (2, 0):
            self.send_error(505, f"Invalid HTTP version ({version.split('/', 1)[1]})")
            return False
        if number >= (1, 1):
            self.close_connection = False
        self.request_version = version
        self.command, self.path = command, path
        if path.startswith("//"):
            # As http.server does (gh-87389): //host/path would read as another origin.
            self.path = "/" + path.lstrip("/")
        try:
            lines = read_head_lines(self.rfile)
        except HeadTooLarge as error:
            self.send_error(431, error.message, error.explain)
            return False
        problem = check_head(command, version, lines)
        if problem is not None:
            self.request_version = self.default_request_version
            self.send_error(400, problem)
            return False
        self.headers = parse_head_lines(lines, self.MessageClass)  # type: ignore[assignment]
        connection = self.headers.get("Connection", "").lower()
        if connection == "close":
            self.close_connection = True
        elif connection == "keep-alive":
            self.close_connection = False
        if self.headers.get("Expect", "").lower() == "100-continue" and self.request_version >= "HTTP/1.1":
            return self.handle_expect_100()
        return True

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The Date header, formatted once a second (email.utils.formatdate per answer costs)."""
        if timestamp is not None:
            return super().date_time_string(timestamp)
        now = int(time.time())
        stamp = _date[0]
        if stamp[0] != now:
            stamp = (now, super().date_time_string(now))
            _date[0] = stamp
        return stamp[1]

    def _dispatch(self) -> None:
        self.server.enter()
        self.server.served(self.connection)
        self._started = time.monotonic()
        self._timed_out = False
        try:
            self._route()
            # Out before leave(): a process that exits once idle must not lose a buffered answer.
            self.wfile.flush()
        finally:
            if not self._timed_out:  # else the watchdog answered, logged and left for this call
                self.server.leave()
                if self.server.access_log:
                    self._log_access(self._started)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _dispatch

    def _route(self) -> None:
        path = self.path.split("?", 1)[0]
        if self.command in ("GET", "HEAD") and path == "/healthz":
            if self.server.process.serving():
                self._reply(200, {"content-type": "text/plain; charset=utf-8"}, b"OK")
            else:
                self._plain(503, "the function worker cannot be started")
        elif self.command in ("GET", "HEAD") and path == "/metrics":
            self._reply(200, {"content-type": CONTENT_TYPE}, self.server.metrics.render().encode())
        elif self.command == "OPTIONS" and self.headers.get("access-control-request-method"):
            self._preflight()
        else:
            self._call_function()

    def _call_function(self) -> None:
        try:
            body = read_body(self.headers, self.rfile, self.server.config.body_limit_bytes)
        except (MalformedRequest, BodyTooLarge, UnsupportedTransferCoding) as error:
            # The rest of the stream cannot be framed: answer and close.
            self.close_connection = True
            status = 413 if isinstance(error, BodyTooLarge) else 501 if isinstance(error, UnsupportedTransferCoding) else 400
            self._plain(status, "Request body is too large" if status == 413 else f"Malformed request: {error}")
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            event = decode_event(headers, body)
        except InvalidJsonBody as error:
            self._plain(400, str(error))
            return
        call: dict[str, Any] = {
            "event": event,
            "context": dict(self.server.context),
            "request": {"method": self.command, "url": self.path, "headers": headers, "body": body, "client": self.client_address[0]},
        }
        started = time.perf_counter()
        outcome = self.server.process.call(self, call)
        if outcome is None:
            # Past its deadline: the watchdog has answered 408 and closed this connection.
            self._timed_out = True
            self.close_connection = True
            return
        self.server.metrics.observe(self.command, time.perf_counter() - started, outcome.kind != "response")
        self._send_outcome(outcome)

    def _send_outcome(self, outcome: Outcome) -> None:
        if outcome.kind == "response":
            headers = {name: value for name, value in outcome.headers.items() if name.lower() not in _HOP_HEADERS}
            headers.setdefault("access-control-allow-origin", "*")
            self._reply(outcome.status, headers, outcome.body)
        elif outcome.kind == "failed":
            self._plain(500, "Internal Server Error")
        else:
            self._plain(503, f"Service Unavailable: {outcome.message}")

    def _preflight(self) -> None:
        headers = {"access-control-allow-origin": "*", "access-control-allow-methods": CORS_METHODS}
        requested = self.headers.get("access-control-request-headers")
        if requested:
            headers["access-control-allow-headers"] = requested
            headers["vary"] = "Access-Control-Request-Headers"
        self._reply(204, headers, b"")

    def _plain(self, status: int, text: str) -> None:
        self._reply(status, {"content-type": "text/plain; charset=utf-8", "access-control-allow-origin": "*"}, text.encode())

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response_only(status, _PHRASES.get(status, ""))
        self.send_header("Date", self.date_time_string())
        for name, value in headers.items():
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        if self.server.closing or self.server.process.retiring:
            # Keep-alive clients reconnect, to the process that serves after this one.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD" and status not in (204, 304):
            self.wfile.write(body)
        self._status = status

    def answer_timeout(self) -> None:
        """The watchdog's 408 for the call running on this connection's thread, which cannot be
        stopped: written on the socket directly, and the connection is closed for writing (so a
        408 the supervisor might also try, had it killed this process meanwhile, fails: one answer)."""
        self._status = 408
        head = (
            f"HTTP/1.1 408 Request Timeout\r\nDate: {self.date_time_string()}\r\n"
            "content-type: text/plain; charset=utf-8\r\naccess-control-allow-origin: *\r\n"
            f"Content-Length: {len(TIMEOUT_BODY)}\r\nConnection: close\r\n\r\n"
        )
        try:
            # Nothing of this answer was written before, so the small 408 fits the empty send buffer.
            self.connection.send(head.encode("latin-1") + TIMEOUT_BODY, socket.MSG_DONTWAIT)
            self.connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        self.server.leave()
        if self.server.access_log:
            self._log_access(self._started)

    def _log_access(self, started: float) -> None:
        # The JSON object json.dumps would write, built directly: the method is an HTTP token
        # (check_head), status and ms are numbers; only the path needs escaping.
        ms = round((time.monotonic() - started) * 1000, 1)
        line = f'{{"time": "{_utc_second()}", "method": "{self.command}", "path": {json.dumps(self.path)}, "status": {getattr(self, "_status", 0)}, "ms": {ms}}}\n'
        # No flush per line (a syscall, see wbufsize): the log flusher writes them out.
        sys.stdout.write(line)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        sys.stderr.write(f"{self.address_string()} - {format % args}\n")

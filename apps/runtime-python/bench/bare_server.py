"""Baseline for the benchmark: a bare stdlib http.server answering what the hello-world function answers.

ThreadingHTTPServer, HTTP/1.1 keep-alive, and buffered writes (wbufsize): head and body leave in
one send, as any tuned server does. Unbuffered, the body is a second small write that waits for
the client's delayed ACK (~40 ms) unless Nagle is off, and even then costs a second syscall.
"""

import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # buffered: handle_one_request() flushes head and body together
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        body = b"hello world"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


ThreadingHTTPServer.request_queue_size = 128  # the default 5 drops SYNs under 50 concurrent connects
server = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "0"))), Hello)
server.daemon_threads = True
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
server.serve_forever()

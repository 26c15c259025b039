"""Process entry point: `python3 -m kubeless_runtime` (env contract in README.md)."""

from __future__ import annotations

import os
import signal
import sys
import threading

from .config import RuntimeConfigError, read_config
from .function_host import FunctionHost, FunctionLoadError
from .server import RuntimeServer


def main() -> int:
    try:
        config = read_config(os.environ)
    except RuntimeConfigError as error:
        print(f"invalid runtime settings: {error}", file=sys.stderr)
        return 1
    host = FunctionHost(config)
    try:
        host.start()
    except FunctionLoadError as error:
        print(f"cannot load the function: {error}", file=sys.stderr)
        return 1
    server = RuntimeServer(config, host, access_log=os.environ.get("ACCESS_LOG", "true") != "false")

    def shutdown(signum: int, _frame: object) -> None:
        if server.closing:
            return
        server.closing = True
        print(f"received signal {signum}; shutting down", file=sys.stderr, flush=True)
        # serve_forever() runs on this thread; shutdown() waits for it, so call it from another.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    print(f"serving {config.module_name}.{config.handler_name} on {config.host}:{config.port}", file=sys.stderr, flush=True)
    server.serve_forever()
    drained = server.wait_idle(config.shutdown_timeout_seconds)
    server.server_close()
    host.stop()
    return 0 if drained else 1


if __name__ == "__main__":
    sys.exit(main())

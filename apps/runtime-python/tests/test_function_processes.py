"""The supervisor and its function processes: what a replacement keeps (metrics) and loses
(module state), the 408 race, and a call that holds the GIL past its deadline."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from conftest import FunctionDir, RunningRuntime, eventually, start_runtime
from test_http_fuzz import exchange, single_response_status

FUNCTION = '''
import os
import time

loaded_at = time.time()

def main(event, context):
    path = event["extensions"]["request"].path
    if path == "/loaded-at":
        return {"at": loaded_at}
    if path == "/exit":
        os._exit(3)
    if path == "/loop":
        while True:
            pass
    if path == "/gil":
        # C code that never gives the GIL back: the process's own watchdog cannot run.
        return sum(range(10**15))
    if path == "/sleep":
        time.sleep(float(event["extensions"]["request"].query["s"][0]))
        return "slept"
    return "ok"
'''


@pytest.fixture
def runtime(function_dir: FunctionDir) -> Iterator[RunningRuntime]:
    function_dir.with_file("fn.py", FUNCTION)
    running = start_runtime(function_dir.path, {"MOD_NAME": "fn", "FUNC_HANDLER": "main", "FUNC_TIMEOUT": "1", "ACCESS_LOG": "false"})
    yield running
    running.stop()


def counter(runtime: RunningRuntime, name: str) -> int:
    found = re.search(rf'^{name}{{method="GET"}} ([0-9]+)$', runtime.call("/metrics").text(), re.MULTILINE)
    return int(found.group(1)) if found else 0


def calls_until_served(runtime: RunningRuntime) -> int:
    """Calls / until one is answered 200 (the replacement may still be loading); returns how many were counted."""
    for _ in range(100):
        if runtime.call("/").status == 200:
            return 1
        time.sleep(0.1)
    raise AssertionError("no process served after the replacement")


def test_counters_carry_over_a_death_and_a_timeout_and_never_go_down(runtime: RunningRuntime) -> None:
    for _ in range(3):
        assert runtime.call("/").status == 200
    assert (counter(runtime, "function_calls_total"), counter(runtime, "function_failures_total")) == (3, 0)
    assert runtime.call("/exit").status == 503  # the process died before counting this call
    served = calls_until_served(runtime)
    assert counter(runtime, "function_calls_total") == 3 + served
    assert runtime.call("/loop").status == 408  # counted as a failure by the process that timed out
    served += calls_until_served(runtime)
    assert (counter(runtime, "function_calls_total"), counter(runtime, "function_failures_total")) == (4 + served, 1)


def test_module_state_restarts_after_a_death_and_a_timeout_only(runtime: RunningRuntime) -> None:
    first = runtime.call("/loaded-at").text()
    assert runtime.call("/sleep?s=0.1").text() == "slept"
    assert runtime.call("/loaded-at").text() == first
    assert runtime.call("/exit").status == 503
    calls_until_served(runtime)
    second = runtime.call("/loaded-at").text()
    assert second != first
    assert runtime.call("/loop").status == 408
    calls_until_served(runtime)
    assert runtime.call("/loaded-at").text() not in (first, second)


def test_a_call_holding_the_gil_past_its_deadline_is_408_and_a_new_process_serves(runtime: RunningRuntime) -> None:
    assert runtime.call("/gil").status == 408
    calls_until_served(runtime)
    assert runtime.call("/healthz").status == 200
    eventually(lambda: "could not answer; killing it" in runtime.output())


def test_a_call_ending_as_its_deadline_passes_gets_exactly_one_answer(runtime: RunningRuntime) -> None:
    host_port = runtime.url
    statuses = []
    for _ in range(8):
        # Sleeps as long as FUNC_TIMEOUT: the handler and the watchdog reach the call together.
        raw = b"GET /sleep?s=1 HTTP/1.1\r\nHost: race\r\n\r\n"
        statuses.append(single_response_status(exchange(host_port, raw)))
        calls_until_served(runtime)
    assert set(statuses) <= {200, 408}

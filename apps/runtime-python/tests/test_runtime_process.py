"""Starts the real runtime process against real function files."""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FunctionDir, RunningRuntime, eventually, start_runtime

KITCHEN_SINK = '''
import asyncio
import os
import threading
import time
import tinydep

calls = 0
# How many /slow calls ran at once, at most: above one only if the runtime serves calls concurrently.
in_flight = 0
most_in_flight = 0
lock = threading.Lock()

def main(event, context):
    global calls
    request = event["extensions"]["request"]
    path = request.path
    if path == "/count":
        calls += 1
        return {"calls": calls}
    if path == "/echo":
        data = event["data"]
        return {"data": data.decode() if isinstance(data, bytes) else data, "id": event["event-id"], "type": event["event-type"],
                "time": event["event-time"], "namespace": event["event-namespace"], "ce": event["ce"], "context": context,
                "method": request.method, "query": request.query}
    if path == "/raw":
        return event["data"]
    if path == "/throw":
        raise ValueError("boom")
    if path == "/loop":
        while True:
            pass
    if path == "/async-hang":
        return forever()
    if path == "/status":
        event["extensions"]["response"].status = 201
        event["extensions"]["response"].set_header("X-Made-By", "fn")
        return {"created": True}
    if path == "/dep":
        return tinydep.shout("hi")
    if path == "/slow":
        global in_flight, most_in_flight
        with lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
        time.sleep(float(request.query.get("s", ["0.5"])[0]))
        with lock:
            in_flight -= 1
        return "slow done"
    if path == "/most-in-flight":
        return {"most": most_in_flight}
    if path == "/empty":
        return None
    if path == "/exit":
        os._exit(3)
    if path == "/sys-exit":
        raise SystemExit(4)
    return "hello world"

async def forever():
    await asyncio.sleep(3600)
'''


@pytest.fixture(scope="module")
def runtime() -> Iterator[RunningRuntime]:
    with tempfile.TemporaryDirectory(prefix="kubeless-py-fn-") as path:
        volume = FunctionDir(Path(path)).with_file("handler.py", KITCHEN_SINK).with_dependency("tinydep", "def shout(s):\n    return s.upper() + '!'\n")
        running = start_runtime(volume.path, {"MOD_NAME": "handler", "FUNC_HANDLER": "main", "FUNC_TIMEOUT": "1", "FUNC_RUNTIME": "python3.11",
                                              "FUNC_MEMORY_LIMIT": "128Mi", "REQ_MB_LIMIT": "0.01"})
        yield running
        running.stop()


def test_hello_and_healthz(runtime: RunningRuntime) -> None:
    response = runtime.call("/")
    assert (response.status, response.text()) == (200, "hello world")
    assert response.headers["access-control-allow-origin"] == "*"
    assert runtime.call("/healthz").text() == "OK"


def test_event_fields_context_and_json(runtime: RunningRuntime) -> None:
    response = runtime.call("/echo?x=1", method="POST", body=b'{"hello": "world"}', headers={
        "Content-Type": "application/json", "event-id": "id-1", "event-type": "application/json",
        "event-time": "2026-01-01T00:00:00Z", "event-namespace": "cli.kubeless.io"})
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.body) == {
        "data": {"hello": "world"}, "id": "id-1", "type": "application/json", "time": "2026-01-01T00:00:00Z",
        "namespace": "cli.kubeless.io", "ce": {}, "method": "POST", "query": {"x": ["1"]},
        "context": {"function-name": "main", "timeout": "1", "runtime": "python3.11", "memory-limit": "128Mi"},
    }


def test_non_json_body_is_bytes_and_returned_as_is(runtime: RunningRuntime) -> None:
    response = runtime.call("/raw", method="PUT", body="grüße".encode(), headers={"Content-Type": "text/plain"})
    assert response.body == "grüße".encode()


def test_cloudevents_binary_mode(runtime: RunningRuntime) -> None:
    response = runtime.call("/echo", method="POST", body=b'{"n": 1}', headers={
        "Content-Type": "application/json", "ce-specversion": "1.0", "ce-id": "ce-1", "ce-type": "com.example.created",
        "ce-source": "/orders", "ce-time": "2026-02-02T00:00:00Z"})
    body = json.loads(response.body)
    assert (body["id"], body["type"], body["time"], body["namespace"], body["data"]) == ("ce-1", "com.example.created", "2026-02-02T00:00:00Z", "/orders", {"n": 1})
    assert body["ce"] == {"specversion": "1.0", "id": "ce-1", "type": "com.example.created", "source": "/orders", "time": "2026-02-02T00:00:00Z"}


def test_cloudevents_structured_mode(runtime: RunningRuntime) -> None:
    envelope = {"specversion": "1.0", "id": "ce-2", "type": "com.example.created", "source": "/orders", "time": "2026-02-02T00:00:00Z",
                "datacontenttype": "application/json", "data": {"n": 2}}
    response = runtime.call("/echo", method="POST", body=json.dumps(envelope).encode(), headers={"Content-Type": "application/cloudevents+json"})
    body = json.loads(response.body)
    assert (body["id"], body["type"], body["time"], body["namespace"], body["data"]) == ("ce-2", "com.example.created", "2026-02-02T00:00:00Z", "/orders", {"n": 2})
    assert body["ce"] == {key: value for key, value in envelope.items() if key != "data"}


def test_status_and_headers_through_response(runtime: RunningRuntime) -> None:
    response = runtime.call("/status")
    assert response.status == 201
    assert response.headers["x-made-by"] == "fn"
    assert json.loads(response.body) == {"created": True}


def test_none_is_an_empty_200(runtime: RunningRuntime) -> None:
    assert (runtime.call("/empty").status, runtime.call("/empty").body) == (200, b"")


def test_dependency_from_install_volume(runtime: RunningRuntime) -> None:
    assert runtime.call("/dep").text() == "HI!"


def test_system_exit_in_a_call_is_500_and_every_call_thread_keeps_serving(runtime: RunningRuntime) -> None:
    # More calls than FUNC_THREADS: a thread ended by SystemExit would leave later calls unread.
    for _ in range(12):
        assert runtime.call("/sys-exit").status == 500
    assert runtime.call("/").status == 200


def test_exception_is_500_and_server_keeps_serving(runtime: RunningRuntime) -> None:
    response = runtime.call("/throw")
    assert (response.status, response.text()) == (500, "Internal Server Error")
    assert runtime.call("/").status == 200
    assert "ValueError: boom" in runtime.output()


def test_invalid_json_is_400_and_oversize_body_is_413(runtime: RunningRuntime) -> None:
    assert runtime.call("/echo", method="POST", body=b"{nope", headers={"Content-Type": "application/json"}).status == 400
    assert runtime.call("/raw", method="POST", body=b"x" * 20_000, headers={"Content-Type": "text/plain"}).status == 413


def test_cors_preflight(runtime: RunningRuntime) -> None:
    response = runtime.call("/", method="OPTIONS", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "PUT",
                                                            "Access-Control-Request-Headers": "x-custom"})
    assert response.status == 204
    assert response.headers["access-control-allow-methods"] == "GET,HEAD,PUT,PATCH,POST,DELETE"
    assert response.headers["access-control-allow-headers"] == "x-custom"


def test_calls_run_concurrently_and_module_state_is_kept(runtime: RunningRuntime) -> None:
    first = json.loads(runtime.call("/count").body)["calls"]
    assert json.loads(runtime.call("/count").body)["calls"] == first + 1
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(runtime.call("/slow?s=0.6").status)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 4
    assert json.loads(runtime.call("/most-in-flight").body)["most"] > 1


def test_async_timeout_is_408(runtime: RunningRuntime) -> None:
    # The handler never returns: a 408 is the timeout firing.
    response = runtime.call("/async-hang")
    assert (response.status, response.text()) == (408, "Request timeout exceeded")
    eventually(lambda: runtime.call("/").status == 200)


def test_infinite_loop_is_408_while_other_calls_finish_and_serving_continues(runtime: RunningRuntime) -> None:
    results: dict[str, int] = {}
    loop = threading.Thread(target=lambda: results.__setitem__("loop", runtime.call("/loop").status))
    loop.start()
    time.sleep(0.5)
    # Still running on the old worker when the loop times out: the old worker drains it.
    slow = threading.Thread(target=lambda: results.__setitem__("slow", runtime.call("/slow?s=0.8").status))
    slow.start()
    loop.join()
    slow.join()
    assert results == {"loop": 408, "slow": 200}
    assert runtime.call("/healthz").status == 200
    assert runtime.call("/").text() == "hello world"
    # Module state restarts with the new worker (documented): the counter starts again.
    assert json.loads(runtime.call("/count").body)["calls"] == 1


def test_worker_exit_is_503_then_a_new_worker_serves(runtime: RunningRuntime) -> None:
    assert runtime.call("/exit").status == 503
    eventually(lambda: runtime.call("/").status == 200)


def test_metrics_after_calls(runtime: RunningRuntime) -> None:
    text = runtime.call("/metrics").text()
    assert 'function_calls_total{method="GET"}' in text
    assert 'function_calls_total{method="POST"}' in text
    assert 'function_failures_total{method="GET"}' in text
    assert 'function_duration_seconds_bucket{le="+Inf",method="GET"}' in text
    assert 'function_duration_seconds_count{method="GET"}' in text


def test_missing_module_exits_non_zero(function_dir: FunctionDir) -> None:
    running = start_runtime(function_dir.path, {"MOD_NAME": "absent", "FUNC_HANDLER": "main"}, wait_ready=False)
    assert running.process.wait(timeout=15) == 1
    eventually(lambda: "no absent.py in" in running.output())


def test_sigterm_finishes_in_flight_calls_then_exits_0(function_dir: FunctionDir) -> None:
    function_dir.with_file("fn.py", "import time\ndef slow(event, context):\n    time.sleep(0.7)\n    return 'done'\n")
    running = start_runtime(function_dir.path, {"MOD_NAME": "fn", "FUNC_HANDLER": "slow"})
    result: dict[str, object] = {}
    call = threading.Thread(target=lambda: result.__setitem__("response", running.call("/")))
    call.start()
    time.sleep(0.2)
    running.process.terminate()
    call.join()
    response = result["response"]
    assert response.status == 200 and response.body == b"done"
    assert running.process.wait(timeout=10) == 0


# Loads once; every later load (a replacement worker) raises.
ONCE_ONLY = '''
import os
import pathlib

marker = pathlib.Path(__file__).with_name("loaded-once")
if marker.exists():
    raise RuntimeError("cannot load a second time")
marker.write_text("")

def main(event, context):
    path = event["extensions"]["request"].path
    if path == "/exit":
        os._exit(3)
    if path == "/loop":
        while True:
            pass
    return "ok"
'''


@pytest.mark.parametrize("replaced_by", ["/exit", "/loop"])
def test_healthz_fails_when_a_replacement_worker_cannot_load(function_dir: FunctionDir, replaced_by: str) -> None:
    function_dir.with_file("fn.py", ONCE_ONLY)
    running = start_runtime(function_dir.path, {"MOD_NAME": "fn", "FUNC_HANDLER": "main", "FUNC_TIMEOUT": "1"})
    try:
        assert running.call("/").status == 200
        assert running.call(replaced_by).status in (408, 503)
        eventually(lambda: running.call("/healthz").status == 503, timeout=15)
        assert running.call("/").status == 503
    finally:
        running.stop()

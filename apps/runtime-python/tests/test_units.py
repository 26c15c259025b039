"""Unit tests of the pure parts: settings, event building, result encoding, metrics text."""

from __future__ import annotations

import base64
import json

import pytest

from kubeless_runtime.call_watch import CallWatch
from kubeless_runtime.config import RuntimeConfigError, read_config
from kubeless_runtime.connection_slots import ConnectionSlots
from kubeless_runtime.encoding import encode_result
from kubeless_runtime.events import InvalidJsonBody, build_event, cloud_event_attributes, decode_data, decode_event
from kubeless_runtime.metrics import FunctionMetrics, MetricsTable

REQUIRED = {"MOD_NAME": "handler", "FUNC_HANDLER": "hello"}


def test_config_defaults() -> None:
    config = read_config(REQUIRED)
    assert (config.port, config.host, config.install_volume, config.timeout_seconds, config.memory_limit, config.body_limit_bytes) == (
        8080, "0.0.0.0", "/kubeless", 180, "0", 1024 * 1024)
    assert config.module_paths()[0] == "/kubeless"
    assert config.module_paths()[1].startswith("/kubeless/lib/python3.")


@pytest.mark.parametrize("env, message", [
    ({"FUNC_HANDLER": "hello"}, "MOD_NAME is required"),
    ({"MOD_NAME": "../x", "FUNC_HANDLER": "hello"}, "MOD_NAME"),
    ({"MOD_NAME": "kubeless_runtime", "FUNC_HANDLER": "hello"}, "MOD_NAME may not"),
    ({**REQUIRED, "FUNC_HANDLER": "a.b"}, "FUNC_HANDLER"),
    ({**REQUIRED, "FUNC_TIMEOUT": "0"}, "FUNC_TIMEOUT"),
    ({**REQUIRED, "FUNC_TIMEOUT": "nan"}, "FUNC_TIMEOUT"),
    ({**REQUIRED, "FUNC_PORT": "1.5"}, "FUNC_PORT"),
])
def test_config_rejects(env: dict[str, str], message: str) -> None:
    with pytest.raises(RuntimeConfigError, match=message):
        read_config(env)


def test_decode_data() -> None:
    assert decode_data("application/json; charset=utf-8", b'{"a": 1}') == {"a": 1}
    assert decode_data("application/cloudevents+json", b"[1]") == [1]
    assert decode_data("text/plain", b"abc") == b"abc"
    assert decode_data(None, b'{"a": 1}') == b'{"a": 1}'
    assert decode_data("application/json", b"") is None
    with pytest.raises(InvalidJsonBody):
        decode_data("application/json", b"{nope")


def test_build_event_prefers_kubeless_headers_over_cloudevents() -> None:
    event = build_event({"ce-id": "c", "ce-type": "t", "ce-source": "/s", "ce-time": "now", "event-id": "k"}, b"d")
    assert event == {"data": b"d", "event-id": "k", "event-type": "t", "event-time": "now", "event-namespace": "/s",
                     "ce": {"id": "c", "type": "t", "source": "/s", "time": "now"}}
    assert cloud_event_attributes({"ce-": "x", "other": "y"}) == {}


_ATTRIBUTES = {"specversion": "1.0", "id": "A-1", "type": "com.example.order", "source": "/orders", "time": "2026-01-02T03:04:05Z"}


def test_structured_cloud_event_maps_like_binary_mode() -> None:
    binary = decode_event({"content-type": "application/json", **{f"ce-{name}": value for name, value in _ATTRIBUTES.items()}}, b'{"qty": 2}')
    envelope = {**_ATTRIBUTES, "datacontenttype": "application/json", "data": {"qty": 2}}
    structured = decode_event({"content-type": "application/cloudevents+json; charset=utf-8"}, json.dumps(envelope).encode())
    assert structured == {**binary, "ce": {**binary["ce"], "datacontenttype": "application/json"}}
    assert structured["event-id"] == "A-1" and structured["event-namespace"] == "/orders" and structured["data"] == {"qty": 2}


def test_structured_cloud_event_data_base64_extensions_and_kubeless_headers() -> None:
    envelope = {**_ATTRIBUTES, "datacontenttype": "text/plain", "data_base64": base64.b64encode("grüße".encode()).decode(), "priority": 3, "urgent": True}
    event = decode_event({"content-type": "application/cloudevents+json", "event-id": "kubeless-id"}, json.dumps(envelope).encode())
    assert event["data"] == "grüße".encode()
    assert event["event-id"] == "kubeless-id"
    assert event["ce"]["priority"] == "3" and event["ce"]["urgent"] == "true" and "data_base64" not in event["ce"]


def test_structured_cloud_event_without_data_or_not_an_object() -> None:
    assert decode_event({"content-type": "application/cloudevents+json"}, json.dumps(_ATTRIBUTES).encode())["data"] is None
    for body in (b"[1]", b"{nope"):
        with pytest.raises(InvalidJsonBody):
            decode_event({"content-type": "application/cloudevents+json"}, body)



@pytest.mark.parametrize("value, body, content_type", [
    (None, b"", None),
    ("héllo", "héllo".encode(), "text/plain; charset=utf-8"),
    (b"\x00\x01", b"\x00\x01", "application/octet-stream"),
    ({"a": [1]}, b'{"a": [1]}', "application/json; charset=utf-8"),
    (3, b"3", "application/json; charset=utf-8"),
])
def test_encode_result(value: object, body: bytes, content_type: str | None) -> None:
    assert encode_result(value) == (body, content_type)


def test_metrics_text() -> None:
    metrics = FunctionMetrics()
    metrics.observe("GET", 0.02, failed=False)
    metrics.observe("GET", 2.0, failed=True)
    text = metrics.render()
    assert 'function_calls_total{method="GET"} 2' in text
    assert 'function_failures_total{method="GET"} 1' in text
    assert 'function_duration_seconds_bucket{le="0.01",method="GET"} 0' in text
    assert 'function_duration_seconds_bucket{le="0.025",method="GET"} 1' in text
    assert 'function_duration_seconds_bucket{le="2.5",method="GET"} 2' in text
    assert 'function_duration_seconds_bucket{le="+Inf",method="GET"} 2' in text
    assert 'function_duration_seconds_sum{method="GET"} 2.02' in text
    assert "# TYPE function_duration_seconds histogram" in text


def test_call_watch_gives_each_call_exactly_one_answerer() -> None:
    slots = ConnectionSlots(4)
    watch = CallWatch(10.0, slots, lambda _call: None)
    finished_first, expired_first = watch.start(0, "a"), watch.start(1, "b")
    assert slots.get(0) == finished_first.deadline > 0 and slots.get(1) == expired_first.deadline
    assert watch.finish(finished_first) is True
    assert watch.expire_due(expired_first.deadline) == [expired_first]
    assert watch.expire_due(float("inf")) == []
    # Unanswered for the supervisor until the watchdog has written its 408.
    assert (slots.get(0), slots.get(1)) == (0.0, expired_first.deadline)
    watch.answered(expired_first)
    assert slots.get(1) == 0.0
    # The handler finishing in the same instant loses: the watchdog already answered 408.
    assert watch.finish(expired_first) is False


def test_call_watch_expires_in_start_order_and_sleeps_until_the_oldest() -> None:
    watch = CallWatch(10.0, ConnectionSlots(4), lambda _call: None)
    calls = [watch.start(index, index) for index in range(3)]
    assert watch.next_deadline() == calls[0].deadline
    assert watch.expire_due(calls[1].deadline) == calls[:2]
    assert watch.next_deadline() == calls[2].deadline


def test_metrics_survive_a_fold_and_add_up_across_regions() -> None:
    table = MetricsTable(2)
    first, second = FunctionMetrics(table, 1), FunctionMetrics(table, 2)
    first.observe("GET", 0.02, failed=True)
    second.observe("GET", 0.2, failed=False)
    second.observe("BREW", 0.2, failed=False)  # not a method http.server dispatches: not counted
    before = second.render()
    assert 'function_calls_total{method="GET"} 2' in before and 'function_failures_total{method="GET"} 1' in before
    table.fold(1)
    assert second.render() == before
    # A region lent to a new process starts from zero; the totals keep what the old one counted.
    FunctionMetrics(table, 1).observe("GET", 0.02, failed=False)
    assert 'function_calls_total{method="GET"} 3' in second.render()

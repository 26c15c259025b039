"""The three Kubeless function metrics, labelled by HTTP method, in Prometheus text format."""

from __future__ import annotations

import threading

# prom-client's (and the Prometheus clients') default buckets, so both runtimes chart alike.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _label(method: str) -> str:
    escaped = method.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'method="{escaped}"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class FunctionMetrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, int] = {}
        self._failures: dict[str, int] = {}
        self._durations: dict[str, tuple[list[int], float, int]] = {}

    def observe(self, method: str, seconds: float, failed: bool) -> None:
        with self._lock:
            self._calls[method] = self._calls.get(method, 0) + 1
            if failed:
                self._failures[method] = self._failures.get(method, 0) + 1
            counts, total, count = self._durations.get(method, ([0] * len(BUCKETS), 0.0, 0))
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[index] += 1
            self._durations[method] = (counts, total + seconds, count + 1)

    def render(self) -> str:
        with self._lock:
            lines = [
                "# HELP function_calls_total Number of calls to user function",
                "# TYPE function_calls_total counter",
                *(f"function_calls_total{{{_label(m)}}} {v}" for m, v in self._calls.items()),
                "# HELP function_failures_total Number of exceptions in user function",
                "# TYPE function_failures_total counter",
                *(f"function_failures_total{{{_label(m)}}} {v}" for m, v in self._failures.items()),
                "# HELP function_duration_seconds Duration of user function in seconds",
                "# TYPE function_duration_seconds histogram",
            ]
            for method, (counts, total, count) in self._durations.items():
                label = _label(method)
                for bound, bucket in zip(BUCKETS, counts, strict=False):
                    lines.append(f'function_duration_seconds_bucket{{le="{_number(bound)}",{label}}} {bucket}')
                lines.append(f'function_duration_seconds_bucket{{le="+Inf",{label}}} {count}')
                lines.append(f"function_duration_seconds_sum{{{label}}} {_number(total)}")
                lines.append(f"function_duration_seconds_count{{{label}}} {count}")
        return "\n".join(lines) + "\n"

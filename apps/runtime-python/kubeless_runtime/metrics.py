"""The three Kubeless function metrics, labelled by HTTP method, in Prometheus text format.

The counters live in memory shared by the supervisor and every function process (a fork
inherits the mapping), so they survive a process replacement: each live process adds to its
own region, and when a process is gone the supervisor folds its region into region 0. A
sequence number, odd while a fold is in progress, lets a reader retry instead of counting a
region twice or not at all, so no counter ever goes down.
"""

from __future__ import annotations

import mmap
import threading
from bisect import bisect_left

# prom-client's (and the Prometheus clients') default buckets, so both runtimes chart alike.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# The methods http.server dispatches to the function (do_GET ... do_OPTIONS); others get 501.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# Per method: calls, failures, one count per bucket (the observations in it alone, made
# cumulative when rendered: one store per call), observations above the last bound, sum of seconds.
_CALLS, _FAILURES, _FIRST_BUCKET = 0, 1, 2
_SUM = _FIRST_BUCKET + len(BUCKETS) + 1
_PER_METHOD = _SUM + 1
_REGION = _PER_METHOD * len(METHODS)
_METHOD_OFFSET = {method: index * _PER_METHOD for index, method in enumerate(METHODS)}


def _label(method: str) -> str:
    escaped = method.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'method="{escaped}"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class MetricsTable:
    """Region 0 (what finished processes counted) and `regions` regions for live ones, as doubles
    (exact counts up to 2**53) after one sequence number. Only the supervisor writes region 0 and
    the sequence number; only the process a region is lent to writes that region."""

    def __init__(self, regions: int) -> None:
        self.regions = regions
        # Anonymous and MAP_SHARED: the same pages in every process forked after this.
        self._memory = mmap.mmap(-1, (1 + (regions + 1) * _REGION) * 8)
        self.values = memoryview(self._memory).cast("d")

    def start(self, region: int) -> int:
        return 1 + region * _REGION

    def fold(self, region: int) -> None:
        """Adds a finished process's region to region 0 and clears it (supervisor only)."""
        values, base, start = self.values, self.start(0), self.start(region)
        values[0] += 1
        for index in range(_REGION):
            values[base + index] += values[start + index]
            values[start + index] = 0.0
        values[0] += 1

    def totals(self) -> list[float]:
        """One consistent sum of all regions (retried while a fold is in progress)."""
        values = self.values
        while True:
            sequence = values[0]
            if sequence % 2 == 0:
                totals = [0.0] * _REGION
                for region in range(self.regions + 1):
                    start = self.start(region)
                    for index, value in enumerate(values[start : start + _REGION]):
                        if value:
                            totals[index] += value
                if values[0] == sequence:
                    return totals


class FunctionMetrics:
    def __init__(self, table: MetricsTable | None = None, region: int = 1) -> None:
        self._table = table or MetricsTable(1)
        self._start = self._table.start(region)
        self._lock = threading.Lock()

    def observe(self, method: str, seconds: float, failed: bool) -> None:
        offset = _METHOD_OFFSET.get(method)
        if offset is None:
            return
        start, values = self._start + offset, self._table.values
        with self._lock:
            values[start + _CALLS] += 1
            if failed:
                values[start + _FAILURES] += 1
            values[start + _FIRST_BUCKET + bisect_left(BUCKETS, seconds)] += 1
            values[start + _SUM] += seconds

    def render(self) -> str:
        totals = self._table.totals()
        per_method = [(m, totals[_METHOD_OFFSET[m] : _METHOD_OFFSET[m] + _PER_METHOD]) for m in METHODS]
        counted = [(m, v) for m, v in per_method if v[_CALLS]]
        lines = [
            "# HELP function_calls_total Number of calls to user function",
            "# TYPE function_calls_total counter",
            *(f"function_calls_total{{{_label(m)}}} {_number(v[_CALLS])}" for m, v in counted),
            "# HELP function_failures_total Number of exceptions in user function",
            "# TYPE function_failures_total counter",
            *(f"function_failures_total{{{_label(m)}}} {_number(v[_FAILURES])}" for m, v in counted if v[_FAILURES]),
            "# HELP function_duration_seconds Duration of user function in seconds",
            "# TYPE function_duration_seconds histogram",
        ]
        for method, v in counted:
            label = _label(method)
            cumulative = 0.0
            for index, bound in enumerate(BUCKETS):
                cumulative += v[_FIRST_BUCKET + index]
                lines.append(f'function_duration_seconds_bucket{{le="{_number(bound)}",{label}}} {_number(cumulative)}')
            lines.append(f'function_duration_seconds_bucket{{le="+Inf",{label}}} {_number(v[_CALLS])}')
            lines.append(f"function_duration_seconds_sum{{{label}}} {_number(v[_SUM])}")
            lines.append(f"function_duration_seconds_count{{{label}}} {_number(v[_CALLS])}")
        return "\n".join(lines) + "\n"

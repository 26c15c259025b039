"""`event['extensions']` objects handed to the user's function inside the worker process."""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit


class FunctionRequest:
    """The incoming request as plain data (the original passed a picklable bottle request).
    The URL is split only if the function asks for its parts."""

    def __init__(self, method: str, url: str, headers: dict[str, str], body: bytes, client: str) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.remote_addr = client

    @cached_property
    def path(self) -> str:
        return urlsplit(self.url).path

    @cached_property
    def query_string(self) -> str:
        return urlsplit(self.url).query

    @cached_property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string)

    def get_header(self, name: str, default: Any = None) -> Any:
        return self.headers.get(name.lower(), default)


class FunctionResponse:
    """Lets a handler choose its status code and headers, which the original Python runtime could not."""

    def __init__(self) -> None:
        self.status = 200
        self.headers: dict[str, str] = {}

    @property
    def status_code(self) -> int:
        return self.status

    @status_code.setter
    def status_code(self, value: int) -> None:
        self.status = value

    def set_header(self, name: str, value: str) -> None:
        self.headers[name.lower()] = str(value)

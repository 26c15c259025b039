"""Builds the Kubeless event (reference §4.1) from an HTTP request."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_JSON_CONTENT_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json\s*(?:;|$)", re.IGNORECASE)


class InvalidJsonBody(ValueError):
    """An application/json body that is not JSON; answered with 400 before the function runs."""


def decode_data(content_type: str | None, body: bytes) -> Any:
    """`event['data']`: parsed JSON for JSON content types, else the raw bytes (as the original)."""
    if not content_type or not _JSON_CONTENT_TYPE.match(content_type):
        return body
    if body.strip() == b"":
        return None
    try:
        return json.loads(body)
    except ValueError as error:
        raise InvalidJsonBody(f"invalid JSON body: {error}") from None


def cloud_event_attributes(headers: Mapping[str, str]) -> dict[str, str]:
    """`ce-*` headers of a CloudEvents binary-mode request, keyed by attribute name."""
    return {name[3:]: value for name, value in headers.items() if name.startswith("ce-") and len(name) > 3}


def build_event(headers: Mapping[str, str], data: Any) -> dict[str, Any]:
    """Event without `extensions` (added in the worker). Headers are lower-cased names.
    Kubeless `event-*` headers win; CloudEvents id/type/time/source fill the gaps."""
    ce = cloud_event_attributes(headers)
    return {
        "data": data,
        "event-id": headers.get("event-id", ce.get("id")),
        "event-type": headers.get("event-type", ce.get("type")),
        "event-time": headers.get("event-time", ce.get("time")),
        "event-namespace": headers.get("event-namespace", ce.get("source")),
        "ce": ce,
    }

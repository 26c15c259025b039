"""Builds the Kubeless event (reference §4.1) from an HTTP request."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from typing import Any

_JSON_CONTENT_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json\s*(?:;|$)", re.IGNORECASE)
# CloudEvents structured mode over HTTP: the whole event, attributes and data, is the JSON body.
_STRUCTURED_CLOUD_EVENT = re.compile(r"^application/cloudevents\+json\s*(?:;|$)", re.IGNORECASE)


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


def build_event(headers: Mapping[str, str], data: Any, attributes: dict[str, str] | None = None) -> dict[str, Any]:
    """Event without `extensions` (added in the worker). Headers are lower-cased names.
    Kubeless `event-*` headers win; CloudEvents id/type/time/source fill the gaps, from the
    `ce-*` headers (binary mode) or from the envelope (`attributes`, structured mode)."""
    ce = cloud_event_attributes(headers) if attributes is None else attributes
    return {
        "data": data,
        "event-id": headers.get("event-id", ce.get("id")),
        "event-type": headers.get("event-type", ce.get("type")),
        "event-time": headers.get("event-time", ce.get("time")),
        "event-namespace": headers.get("event-namespace", ce.get("source")),
        "ce": ce,
    }


def _attribute_text(value: Any) -> str:
    """Attribute values as binary mode carries them: strings (extensions may be numbers or booleans in JSON)."""
    return value if isinstance(value, str) else json.dumps(value)


def parse_structured_cloud_event(body: bytes) -> tuple[dict[str, str], Any]:
    """A structured-mode CloudEvent: every member but `data`/`data_base64` is an attribute;
    `data` is the event data as it is, `data_base64` is decoded by `datacontenttype` as a
    binary-mode body would be by its content type."""
    envelope = decode_data("application/json", body)
    if not isinstance(envelope, dict):
        raise InvalidJsonBody("a structured CloudEvent (application/cloudevents+json) must be a JSON object")
    attributes = {name: _attribute_text(value) for name, value in envelope.items() if name not in ("data", "data_base64")}
    encoded = envelope.get("data_base64")
    if isinstance(encoded, str):
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise InvalidJsonBody(f"invalid data_base64: {error}") from None
        return attributes, decode_data(attributes.get("datacontenttype"), raw)
    return attributes, envelope.get("data")


def decode_event(headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The event of a request in either CloudEvents mode (or none): structured when the body is the event."""
    content_type = headers.get("content-type")
    if content_type and _STRUCTURED_CLOUD_EVENT.match(content_type):
        attributes, data = parse_structured_cloud_event(body)
        return build_event(headers, data, attributes)
    return build_event(headers, decode_data(content_type, body))

"""Bytes of one record -> a validated :class:`~worker.models.TicketIn`, or an
:class:`~worker.errors.InvalidRecordError` that says why (a dead-letter reason) without
quoting the record: error details name fields and error types, never ticket text.

Pure: the ``score`` command and the Kafka service share it, so both reject the same input.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pydantic import ValidationError

from worker.errors import InvalidRecordError
from worker.models import SCHEMA_VERSION, TicketIn

__all__ = ["decode"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_DETAIL_ERRORS = 5
#: Deepest nesting of arrays and objects a record may have (the event object is level 1).
#: Deeper values are rejected (schema_violation) so that the output, which copies
#: ``metadata``, stays readable by common JSON parsers (pydantic's stops at 200 levels).
MAX_DEPTH = 64


class _NotFiniteError(ValueError):
    """NaN, Infinity or a number that overflows a float: not representable in the output."""


def _no_constants(name: str) -> Any:
    raise _NotFiniteError(f"{name} is not JSON")


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _NotFiniteError("number out of range")
    return number


def decode(value: bytes | None, *, max_record_bytes: int, max_body_chars: int) -> TicketIn:
    """Parse and validate one input record."""
    if value is None:
        raise InvalidRecordError("schema_violation", "record has no value (tombstone)")
    if len(value) > max_record_bytes:
        raise InvalidRecordError(
            "record_too_large", f"{len(value)} bytes, the maximum is {max_record_bytes}"
        )
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidRecordError(
            "invalid_utf8", f"invalid UTF-8 at byte {exc.start}: {exc.reason}"
        ) from None
    try:
        obj = json.loads(text, parse_constant=_no_constants, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise InvalidRecordError(
            "invalid_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except _NotFiniteError as exc:
        raise InvalidRecordError("invalid_json", str(exc)) from None
    except ValueError:  # an integer over sys.get_int_max_str_digits() (4300) digits
        raise InvalidRecordError("invalid_json", "integer with too many digits") from None
    except RecursionError:
        raise InvalidRecordError("invalid_json", "JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise InvalidRecordError("schema_violation", f"expected a JSON object, got {_kind(obj)}")
    version = obj.get("schema_version", SCHEMA_VERSION)
    if type(version) is int and version != SCHEMA_VERSION:
        raise InvalidRecordError(
            "unknown_schema_version", f"schema_version {version} (this worker reads 1)"
        )
    if type(version) is not int:  # true and 1.0 equal 1 in Python, but are not version 1
        raise InvalidRecordError("schema_violation", "schema_version: int_type")
    # A value is at most as deep as its count of brackets (those inside strings included).
    if text.count("{") + text.count("[") > MAX_DEPTH and _depth_exceeds(obj, MAX_DEPTH):
        raise InvalidRecordError("schema_violation", f"value nested deeper than {MAX_DEPTH} levels")
    if ("\\ud" in text or "\\uD" in text) and _has_lone_surrogate(obj):
        raise InvalidRecordError("schema_violation", "string with an unpaired surrogate escape")
    try:
        event = TicketIn.model_validate(obj)
    except ValidationError as exc:
        raise InvalidRecordError("schema_violation", _summarise(exc)) from None
    except RecursionError:
        raise InvalidRecordError("schema_violation", "value nested too deeply") from None
    if len(event.message.body) > max_body_chars:
        raise InvalidRecordError(
            "body_too_large",
            f"message.body has {len(event.message.body)} characters, "
            f"the maximum is {max_body_chars}",
        )
    return event


def _kind(obj: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(obj), "a number"
    )


def _depth_exceeds(obj: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (iterative: no recursion)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False


def _has_lone_surrogate(obj: Any) -> bool:
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _summarise(exc: ValidationError) -> str:
    """Field paths and error types only: pydantic's own message would quote the input."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    parts = [
        f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['type']}"
        for err in errors[:_MAX_DETAIL_ERRORS]
    ]
    if len(errors) > _MAX_DETAIL_ERRORS:
        parts.append(f"and {len(errors) - _MAX_DETAIL_ERRORS} more")
    return "; ".join(parts)

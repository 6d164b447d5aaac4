"""The fuzz oracle shared by the atheris target and the pytest modules.

``check(data)`` feeds one input through decode and :meth:`Pipeline.process` and fails (an
exception other than a clean rejection, or an ``AssertionError``) when the pipeline breaks
its contract: it raises, dead-letters with an unknown reason or after an engine crash,
disagrees with ``decode``, is not deterministic, or writes a payload that is not valid UTF-8
JSON matching :class:`~worker.models.TriageOut`.

The first byte picks how the rest is used, so one corpus covers three shapes of input:
``\\x01`` + text: the text (UTF-8, errors replaced) is the body of a valid event;
``\\x02`` + bytes: a body with lone surrogates (``surrogateescape``), sent as ``\\udcXX``
escapes; anything else: the bytes are the record value as they are.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from worker.core.triage import Engine
from worker.errors import DEAD_LETTER_REASONS, InvalidRecordError
from worker.models import TriageOut
from worker.pipeline import Pipeline, Rejected, Triaged
from worker.rules import load_rules

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
FIXED_NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
BODY_MODE = 0x01
SURROGATE_MODE = 0x02


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    """The shipped rules with a fixed clock (built once: loading takes about a second)."""
    return Pipeline(Engine(load_rules(CONFIG_DIR)), clock=lambda: FIXED_NOW)


def event_with_body(body: str, *, ensure_ascii: bool = False) -> bytes:
    """A valid event around ``body``."""
    event = {"event_id": "e1", "ticket_id": "t1", "customer_id": "c1", "message": {"body": body}}
    return json.dumps(event, ensure_ascii=ensure_ascii).encode("utf-8")


def record_value(data: bytes) -> bytes:
    """The record value an input stands for (see the module docstring)."""
    if data[:1] == bytes([BODY_MODE]):
        return event_with_body(data[1:].decode("utf-8", "replace"))
    if data[:1] == bytes([SURROGATE_MODE]):
        return event_with_body(data[1:].decode("utf-8", "surrogateescape"), ensure_ascii=True)
    return data


def outcome(result: Triaged | Rejected) -> tuple[str, bytes | str]:
    """A comparable summary: ("triaged", payload) or (reason, detail)."""
    if isinstance(result, Triaged):
        return "triaged", result.payload
    return result.error.reason, result.error.detail


def check(data: bytes) -> tuple[str, bytes | str]:
    """Run one fuzz input; raise when the pipeline breaks its contract."""
    value = record_value(data)
    pipe = pipeline()
    try:
        pipe.decode(value)
        decoded = "ok"
    except InvalidRecordError as exc:  # any other exception is a finding
        decoded = exc.reason
    first = pipe.process(value, {})
    second = pipe.process(value, {})
    assert outcome(first) == outcome(second), "not deterministic"
    if isinstance(first, Rejected):
        assert first.error.reason in DEAD_LETTER_REASONS
        assert first.error.reason != "engine_error", f"engine crashed: {first.error.detail}"
        assert decoded == first.error.reason
        return outcome(first)
    assert decoded == "ok"
    parsed = json.loads(first.payload.decode("utf-8"))
    assert TriageOut.model_validate_json(first.payload) == first.out
    assert (first.event.event_id, first.event.metadata) == (parsed["event_id"], parsed["metadata"])
    return outcome(first)

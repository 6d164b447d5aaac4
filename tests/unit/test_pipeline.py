"""Pipeline.process without a broker: bytes in, an output or the dead letter routing chose."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from worker.core.triage import Engine
from worker.core.types import History
from worker.pipeline import Pipeline, Rejected, Triaged
from worker.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = (ROOT / "examples" / "tickets.jsonl").read_bytes().splitlines()
POLITE, INSULT = EXAMPLES[0], EXAMPLES[12]  # c-100 asks for help; c-112 insults the agent
NOW = datetime(2026, 11, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(name="engine", scope="module")
def _engine() -> Engine:
    return Engine(load_rules(ROOT / "config"))


class CountingStore(dict[str, History]):
    """A dict store that counts writes."""

    writes = 0

    def __setitem__(self, key: str, value: History) -> None:
        self.writes += 1
        super().__setitem__(key, value)


class BrokenEngine:
    """The real engine's config, a triage that raises ``error`` (an engine bug)."""

    def __init__(self, engine: Engine, error: Exception) -> None:
        self.config, self.version, self._error = engine.config, engine.version, error

    def triage(self, *args: Any) -> Any:
        raise self._error


def test_a_customer_message_is_triaged_into_its_json_payload(engine: Engine) -> None:
    """The payload is the output event as JSON, for the event's ticket and customer."""
    result = Pipeline(engine).process(POLITE, {})
    assert isinstance(result, Triaged)
    assert json.loads(result.payload) == json.loads(result.out.model_dump_json())
    assert ("t-1", "c-100") == (result.event.ticket_id, result.out.customer_id)
    assert not result.out.escalation.required


def test_an_abusive_message_writes_the_customer_history_once(engine: Engine) -> None:
    """Abuse is remembered: one write to the store, under the customer id."""
    store = CountingStore()
    result = Pipeline(engine).process(INSULT, store)
    assert isinstance(result, Triaged) and result.out.escalation.required
    assert (1, ["c-112"]) == (store.writes, list(store))
    assert len(store["c-112"].incidents) == 1


def test_a_message_that_changes_no_history_writes_nothing(engine: Engine) -> None:
    store = CountingStore()
    assert isinstance(Pipeline(engine).process(POLITE, store), Triaged)
    assert 0 == store.writes


def test_history_from_the_store_is_used(engine: Engine) -> None:
    """A second insult from the same customer adds a second incident to the stored one."""
    store: dict[str, History] = {}
    pipeline = Pipeline(engine)
    pipeline.process(INSULT, store)
    second = json.loads(INSULT)
    second["event_id"], second["occurred_at"] = "evt-013b", "2026-11-02T13:00:00Z"
    pipeline.process(json.dumps(second).encode(), store)
    assert 2 == len(store["c-112"].incidents)


def test_an_event_without_a_time_gets_the_clock(engine: Engine) -> None:
    """occurred_at falls back to the injected clock, so output is reproducible."""
    event = json.loads(POLITE)
    del event["occurred_at"]
    result = Pipeline(engine, clock=lambda: NOW).process(json.dumps(event).encode(), {})
    assert isinstance(result, Triaged)
    assert NOW == result.out.occurred_at


def test_the_same_record_gives_the_same_bytes(engine: Engine) -> None:
    pipeline = Pipeline(engine, clock=lambda: NOW)
    first, second = pipeline.process(INSULT, {}), pipeline.process(INSULT, {})
    assert isinstance(first, Triaged) and isinstance(second, Triaged)
    assert first.payload == second.payload


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"not json", "invalid_json"),
        (None, "schema_violation"),
        (b"\xff\xfe", "invalid_utf8"),
        (b'{"schema_version": 99}', "unknown_schema_version"),
    ],
)
def test_a_bad_record_is_rejected_with_the_decoders_reason(
    engine: Engine, value: bytes | None, reason: str
) -> None:
    store = CountingStore()
    result = Pipeline(engine).process(value, store)
    assert isinstance(result, Rejected)
    assert reason == result.error.reason
    assert 0 == store.writes


def test_an_engine_bug_is_an_engine_error_dead_letter_naming_only_the_type(
    engine: Engine,
) -> None:
    """Any exception from the engine dead-letters the record; its message (which may quote
    the ticket) stays out of the detail, and the store is untouched."""
    broken = BrokenEngine(engine, ZeroDivisionError("You are a useless idiot"))
    store = CountingStore()
    result = Pipeline(broken).process(INSULT, store)  # type: ignore[arg-type]
    assert isinstance(result, Rejected)
    assert ("engine_error", "ZeroDivisionError") == (result.error.reason, result.error.detail)
    assert 0 == store.writes


def test_a_decoder_bug_is_an_engine_error_dead_letter(engine: Engine) -> None:
    class BrokenDecoder(Pipeline):
        def decode(self, value: bytes | None) -> Any:
            raise KeyError("customer_id")

    result = BrokenDecoder(engine).process(POLITE, {})
    assert isinstance(result, Rejected)
    assert ("engine_error", "decode: KeyError") == (result.error.reason, result.error.detail)


def test_limits_come_from_the_rules(engine: Engine) -> None:
    """A body over limits.max_body_chars is refused as body_too_large."""
    event = json.loads(POLITE)
    event["message"]["body"] = "x " * (engine.config.triage.limits.max_body_chars // 2 + 1)
    result = Pipeline(engine).process(json.dumps(event).encode(), {})
    assert isinstance(result, Rejected)
    assert "body_too_large" == result.error.reason

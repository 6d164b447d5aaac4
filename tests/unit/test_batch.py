"""build_batch without a broker: what each input record turns into, and what metrics see."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from worker.batch import build_batch
from worker.core.triage import Engine
from worker.history import CustomerHistories
from worker.kafka.records import record_size
from worker.pipeline import Pipeline
from worker.rules import load_rules
from worker.settings import TopicSettings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = (ROOT / "examples" / "tickets.jsonl").read_bytes().splitlines()


@dataclass
class Record:
    value: bytes | None
    offset: int
    key: bytes | None = b"c-100"
    topic: str = "support.tickets"
    partition: int = 0
    timestamp: int = 0
    headers: Any = field(default_factory=list)


@functools.cache
def _pipeline() -> Pipeline:
    """One pipeline for the module (building the engine takes about a second)."""
    return Pipeline(Engine(load_rules(ROOT / "config")))


def _batch(values: list[bytes | None]) -> Any:
    pipeline = _pipeline()
    records = [Record(v, i) for i, v in enumerate(values)]
    state = CustomerHistories(timedelta(days=30))
    return build_batch(records, pipeline, state, TopicSettings())


def test_every_triaged_customer_message_reaches_the_metrics_sample() -> None:
    """Each scored customer message yields one Triage for the metrics (a regression: the
    oversize change once dropped them, so triage counters stayed at zero)."""
    result = _batch(EXAMPLES[:3])
    assert len(result.triaged) == 3
    assert result.skipped == 0
    assert all(t.technique and t.anger_level and t.politeness_level for t in result.triaged)
    outputs = [r for r in result.records if r.topic == TopicSettings().output]
    assert len(outputs) == 3


def test_a_bad_record_is_a_dead_letter_and_not_a_triage() -> None:
    result = _batch([EXAMPLES[0], b"not json", None])
    assert len(result.triaged) == 1
    assert len(result.dead_letters) == 2
    letters = [r for r in result.records if r.topic == TopicSettings().dead_letter]
    assert letters[0].value == b"not json"
    assert letters[1].value is None


def _batch_limited(values: list[bytes | None], **kwargs: Any) -> Any:
    pipeline = _pipeline()
    records = [Record(v, i, headers=[("origin", b"t")]) for i, v in enumerate(values)]
    state = CustomerHistories(timedelta(days=30))
    return build_batch(records, pipeline, state, TopicSettings(), changelog=False, **kwargs)


def test_a_dead_letter_over_the_limit_leaves_the_value_out() -> None:
    """Never a record the producer cannot send: the value goes, size and hash stay."""
    big = b"x" * 5_000
    result = _batch_limited([EXAMPLES[0], big], max_bytes=2_000)
    [letter] = [r for r in result.records if r.topic == TopicSettings().dead_letter]
    h = dict(letter.headers)
    assert (None, b"c-100", b"t") == (letter.value, letter.key, h["origin"])
    assert (b"record_too_large", b"true") == (h["triage.dlq.reason"], h["triage.dlq.value_omitted"])
    assert (b"5000", hashlib.sha256(big).hexdigest().encode()) == (
        h["triage.dlq.original.size"],
        h["triage.dlq.original.sha256"],
    )
    assert ["record_too_large"] == result.dead_letters
    assert all(record_size(r.key, r.value, r.headers) <= 2_000 for r in result.records)
    assert ("support.tickets", 0, 1) == result.sources[result.records.index(letter)]


def test_a_small_dead_letter_keeps_its_bytes_and_reason() -> None:
    result = _batch_limited([b"not json"], max_bytes=2_000)
    [letter] = result.records
    h = dict(letter.headers)
    assert (b"not json", b"invalid_json") == (letter.value, h["triage.dlq.reason"])
    assert "triage.dlq.value_omitted" not in h
    assert b"8" == h["triage.dlq.original.size"]


def test_an_output_over_the_limit_becomes_a_dead_letter() -> None:
    result = _batch_limited([EXAMPLES[0]], max_bytes=400)
    assert [] == [r for r in result.records if r.topic == TopicSettings().output]
    [letter] = result.records
    assert b"record_too_large" == dict(letter.headers)["triage.dlq.reason"]
    assert ["record_too_large"] == result.dead_letters


def test_an_input_whose_dead_letter_was_refused_is_dead_lettered_without_its_value() -> None:
    result = _batch_limited(
        [EXAMPLES[0], EXAMPLES[1]],
        max_bytes=1_000_000,
        too_large={("support.tickets", 0, 1): True},
    )
    letters = [r for r in result.records if r.topic == TopicSettings().dead_letter]
    outputs = [r for r in result.records if r.topic == TopicSettings().output]
    assert (1, 1) == (len(letters), len(outputs))
    assert (None, b"true") == (
        letters[0].value,
        dict(letters[0].headers)["triage.dlq.value_omitted"],
    )
    assert ("support.tickets", 0, 1) == result.sources[result.records.index(letters[0])]


def test_an_input_carrying_a_dead_letter_reason_header_cannot_decide_or_break_the_count() -> None:
    """The reason counted is the one the worker wrote, even when the input already carries a
    triage.dlq.reason header (a replayed dead letter), whatever its bytes."""
    pipeline = _pipeline()
    records = [
        Record(b"not json", 0, headers=[("triage.dlq.reason", b"\xff\xfe")]),
        Record(b"not json", 1, headers=[("triage.dlq.reason", b"schema_invalid")]),
    ]
    result = build_batch(records, pipeline, CustomerHistories(timedelta(days=30)), TopicSettings())
    assert result.dead_letters == ["invalid_json", "invalid_json"]


def test_a_message_in_a_language_not_covered_is_triaged_and_its_escalation_counted() -> None:
    """A Spanish threat has no technique or levels (a human judges it) but is a triaged,
    escalated message for the metrics, not a skipped one."""
    event = json.loads(EXAMPLES[0])
    event["message"]["body"] = "Sé dónde vives y te voy a matar si no me devuelven el dinero."
    result = _batch([json.dumps(event).encode()])
    assert result.skipped == 0
    assert len(result.triaged) == 1
    triage = result.triaged[0]
    assert triage.technique is None and triage.anger_level is None
    assert result.escalations == 1


def test_an_input_whose_output_was_refused_is_dead_lettered_with_its_bytes() -> None:
    """The output topic refused its output: the dead letter still carries the original (the
    dead-letter topic may well take it; if not, the next retry leaves the value out)."""
    result = _batch_limited(
        [EXAMPLES[0], EXAMPLES[1]],
        max_bytes=1_000_000,
        too_large={("support.tickets", 0, 1): False},
    )
    letters = [r for r in result.records if r.topic == TopicSettings().dead_letter]
    assert len(letters) == 1
    headers = dict(letters[0].headers)
    assert letters[0].value == EXAMPLES[1]
    assert headers["triage.dlq.reason"] == b"record_too_large"
    assert "triage.dlq.value_omitted" not in headers
    assert ["record_too_large"] == result.dead_letters


# -- paths the tests above leave out ---------------------------------------------------------

TOPICS = TopicSettings()
INSULT = EXAMPLES[12]  # c-112 insults the agent: escalated, and remembered in the history
AGENT_REPLY = EXAMPLES[17]  # an agent's message: valid, not scored


def _run(records: list[Record], state: CustomerHistories | None = None, **kwargs: Any) -> Any:
    state = state or CustomerHistories(timedelta(days=30))
    return build_batch(records, _pipeline(), state, TOPICS, **kwargs)


def test_an_escalated_message_is_written_to_output_and_escalations_with_one_source() -> None:
    result = _run([Record(INSULT, 7, key=b"c-112")])
    topics = [r.topic for r in result.records]
    assert [TOPICS.output, TOPICS.escalations, TOPICS.changelog] == topics
    assert result.records[0].value == result.records[1].value
    assert [("support.tickets", 0, 7), ("support.tickets", 0, 7), None] == result.sources
    assert (1, 0) == (result.escalations, result.mis_keyed)


def test_history_changes_become_changelog_records_in_the_input_partition() -> None:
    """The changelog record is keyed by customer, in the partition number of the input."""
    result = _run([Record(INSULT, 0, key=b"c-112", partition=3)])
    [change] = [r for r in result.records if r.topic == TOPICS.changelog]
    assert (b"c-112", 3) == (change.key, change.partition)
    assert change.value
    assert {3} == set(result.overlays)
    assert 1 == len(result.overlays[3].writes)


def test_without_changelog_history_changes_stay_in_the_overlay_only() -> None:
    result = _run([Record(INSULT, 0, key=b"c-112")], changelog=False)
    assert TOPICS.changelog not in {r.topic for r in result.records}
    assert ["c-112"] == list(result.overlays[0].writes)


def test_an_agent_message_is_output_but_skipped_by_the_metrics() -> None:
    result = _run([Record(AGENT_REPLY, 0, key=b"c-112")])
    assert ([TOPICS.output], [], 1) == (
        [r.topic for r in result.records],
        result.triaged,
        result.skipped,
    )


def test_a_record_keyed_by_another_customer_is_counted_as_mis_keyed() -> None:
    """It is still triaged (the key only decides the partition)."""
    result = _run([Record(EXAMPLES[0], 0, key=b"someone-else"), Record(EXAMPLES[1], 1, key=None)])
    assert (2, 2) == (result.mis_keyed, len(result.triaged))


def test_a_forget_control_record_erases_the_customer_and_writes_a_tombstone() -> None:
    """The control record produces no output or dead letter and no timing sample."""
    state = CustomerHistories(timedelta(days=30))
    state.load(0, {})
    first = _run([Record(INSULT, 0, key=b"c-112")], state)
    first.overlays[0].apply()
    forget = Record(None, 1, key=b"c-112", headers=[("triage.control", b"forget")])
    result = _run([forget], state)
    assert [(TOPICS.changelog, b"c-112", None)] == [
        (r.topic, r.key, r.value) for r in result.records
    ]
    assert (1, 1, [], []) == (
        result.forgotten,
        result.consumed,
        result.message_seconds,
        result.dead_letters,
    )


def test_a_forget_control_record_without_a_key_does_nothing() -> None:
    result = _run([Record(None, 0, key=None, headers=[("triage.control", b"forget")])])
    assert ([], 0, 1) == (result.records, result.forgotten, result.consumed)


def test_customers_outside_the_window_are_evicted_with_a_tombstone() -> None:
    """Eviction runs at the end of the batch, against the stream time the batch advanced."""
    clock = iter([0.0, 100.0, 100.0])
    state = CustomerHistories(timedelta(days=1), sweep_interval_s=60.0, clock=lambda: next(clock))
    first = _run([Record(INSULT, 0, key=b"c-112")], state)
    first.overlays[0].apply()
    later = json.loads(EXAMPLES[0])
    later["occurred_at"] = "2026-11-09T09:00:00Z"  # a week after the insult
    result = _run([Record(json.dumps(later).encode(), 1)], state)
    assert 1 == result.evicted
    tombstones = [(r.key, r.value) for r in result.records if r.topic == TOPICS.changelog]
    assert [(b"c-112", None)] == tombstones


def test_a_passed_deadline_stops_the_batch_after_one_record() -> None:
    """At least one record is always processed, so a batch makes progress; the rest wait."""
    records = [Record(v, i) for i, v in enumerate(EXAMPLES[:3])]
    result = _run(records, deadline=0.0)
    assert (1, 1) == (result.consumed, len(result.triaged))
    assert 1 == len(result.message_seconds)


def test_a_future_deadline_covers_the_whole_batch() -> None:
    records = [Record(v, i) for i, v in enumerate(EXAMPLES[:3])]
    result = _run(records, deadline=float("inf"))
    assert (3, 3) == (result.consumed, len(result.message_seconds))

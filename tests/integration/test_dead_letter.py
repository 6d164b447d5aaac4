"""Bad input ends in the dead-letter topic with its reason and original bytes."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.integration.worker_proc import Topics, WorkerProcess, consume, make_events, produce
from worker.kafka.records import DLQ_DETAIL, DLQ_REASON, DLQ_SOURCE_OFFSET, DLQ_SOURCE_TOPIC

pytestmark = pytest.mark.integration

GOOD = {"event_id": "x", "ticket_id": "t", "customer_id": "c", "message": {"body": "hello"}}

BAD: list[tuple[bytes, str]] = [
    (b"\xff\xfe\x00not utf8", "invalid_utf8"),
    (b'{"event_id": "broken', "invalid_json"),
    (
        json.dumps({"event_id": "no-body", "ticket_id": "t", "customer_id": "c"}).encode(),
        "schema_violation",
    ),
    (
        json.dumps({**GOOD, "event_id": "v2", "schema_version": 2}).encode(),
        "unknown_schema_version",
    ),
    (
        json.dumps({**GOOD, "event_id": "huge", "message": {"body": "a" * 30_000}}).encode(),
        "body_too_large",
    ),
    (b"[" * 5_000, "invalid_json"),
    (json.dumps({**GOOD, "event_id": "x2", "message": {"body": 42}}).encode(), "schema_violation"),
]


def test_each_bad_record_is_dead_lettered_intact(bootstrap: str, tmp_path: Path) -> None:
    """Every kind of bad record reaches the DLQ byte for byte with reason and source;
    the valid events around it are triaged."""
    topics = Topics.create(bootstrap, partitions=1)
    good = make_events(2 * len(BAD) + 1, seed=3)
    values: list[bytes] = []
    keys: list[bytes | None] = []
    headers: list[list[tuple[str, bytes]]] = []
    for i, (bad, _) in enumerate(BAD):
        values += [json.dumps(good[2 * i]).encode(), bad]
        keys += [good[2 * i]["customer_id"].encode(), f"key-{i}".encode()]
        headers += [[], [("origin", f"test-{i}".encode())]]
    values.append(json.dumps(good[-1]).encode())
    keys.append(good[-1]["customer_id"].encode())
    headers.append([])
    produce(bootstrap, topics.input, values, keys=keys, headers=headers)

    worker = WorkerProcess(bootstrap, topics, f"g-{uuid.uuid4().hex}", tmp_path / "w.log").start()
    try:
        dead = consume(bootstrap, topics.dead_letter, expected=len(BAD), timeout=120)
        out = consume(bootstrap, topics.output, expected=len(BAD) + 1, timeout=60)
    finally:
        assert 0 == worker.stop()

    assert len(BAD) == len(dead)
    assert len(BAD) + 1 == len(out)
    for i, (record, (bad, reason)) in enumerate(zip(dead, BAD, strict=True)):
        h = dict(record.headers)
        assert (bad, f"key-{i}".encode()) == (record.value, record.key)
        assert reason == h[DLQ_REASON].decode()
        assert f"test-{i}".encode() == h["origin"]
        assert topics.input == h[DLQ_SOURCE_TOPIC].decode()
        assert str(2 * i + 1) == h[DLQ_SOURCE_OFFSET].decode()
        assert h[DLQ_DETAIL]
    log_text = (tmp_path / "w.log").read_text()
    assert "a" * 100 not in log_text
    assert "hello" not in log_text

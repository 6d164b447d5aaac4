"""No record can stall its partition: a record too large to dead-letter with its value is
dead-lettered without it (reason, original size, SHA-256, source coordinates), and the events
behind it are triaged; a dead letter that can never be written ends the worker (exit 1)."""

from __future__ import annotations

import hashlib
import json
import uuid
import warnings
from pathlib import Path

import pytest

from tests.integration.chaos.accounting import committed_offsets, end_offsets, wait_committed_to_end
from tests.integration.worker_proc import Topics, WorkerProcess, consume, make_events

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    from kafka import KafkaProducer
    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

from worker.kafka.records import (
    DLQ_ORIGINAL_SHA256,
    DLQ_ORIGINAL_SIZE,
    DLQ_REASON,
    DLQ_SOURCE_OFFSET,
    DLQ_SOURCE_PARTITION,
    DLQ_SOURCE_TOPIC,
    DLQ_VALUE_OMITTED,
)
from worker.settings import KafkaSettings

pytestmark = pytest.mark.integration

MIB = 1024 * 1024
MAX_RECORD_BYTES = 1_048_576  # limits.max_record_bytes in config/triage.yaml
#: What the broker accepts when a topic has no max.message.bytes of its own.
BROKER_DEFAULT_MAX = 1_048_588


def _set_max_message_bytes(bootstrap: str, topic: str, value: int) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-admin")
    try:
        resource = ConfigResource(
            ConfigResourceType.TOPIC, topic, configs={"max.message.bytes": str(value)}
        )
        admin.alter_configs([resource])
    finally:
        admin.close()


def _produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes, list]]) -> None:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", max_request_size=4 * MIB, linger_ms=5
    )
    try:
        for key, value, headers in records:
            producer.send(topic, key=key, value=value, headers=headers)
        producer.flush(timeout=60)
    finally:
        producer.close(timeout=10)


@pytest.mark.parametrize(
    ("size", "dlq_max", "carried"),
    [
        # 2 MiB: over the worker's producer max_request_size, so never sendable with its value.
        (2 * MIB, None, False),
        # Just over limits.max_record_bytes: its dead letter fits the producer but not a DLQ
        # topic at the broker's default size, which refuses it; the retry leaves the value out.
        (MAX_RECORD_BYTES + 1, None, False),
        # The same record with the DLQ topic sized as `topics create` does: carried intact.
        (MAX_RECORD_BYTES + 1, KafkaSettings().max_request_size, True),
    ],
    ids=["2MiB", "limit+1-default-dlq", "limit+1-sized-dlq"],
)
def test_oversize_record_never_stalls_its_partition(
    bootstrap: str, tmp_path: Path, size: int, dlq_max: int | None, carried: bool
) -> None:
    topics = Topics.create(bootstrap, partitions=1)
    _set_max_message_bytes(bootstrap, topics.input, 4 * MIB)
    if dlq_max is not None:
        _set_max_message_bytes(bootstrap, topics.dead_letter, dlq_max)
    events = make_events(40, seed=21)
    big = b'{"event_id": "big", "message": {"body": "' + b"a" * size
    big = big[:size]
    assert size == len(big)
    origin = [("origin", b"oversize-test")]
    records = [(e["customer_id"].encode(), json.dumps(e).encode(), []) for e in events]
    records.insert(10, (b"big-key", big, origin))
    _produce(bootstrap, topics.input, records)
    group = f"g-{uuid.uuid4().hex}"

    worker = WorkerProcess(bootstrap, topics, group, tmp_path / "w.log").start()
    try:
        out = consume(bootstrap, topics.output, expected=len(events), timeout=180)
        [dead] = consume(bootstrap, topics.dead_letter, expected=1, timeout=60)
        wait_committed_to_end(bootstrap, group, topics.input, timeout=120)
        assert committed_offsets(bootstrap, group, topics.input) == end_offsets(
            bootstrap, topics.input
        )
    finally:
        status = worker.stop()
    assert 0 == status

    assert sorted(e["event_id"] for e in events) == sorted(
        json.loads(r.value)["event_id"] for r in out
    )
    h = dict(dead.headers)
    assert "record_too_large" == h[DLQ_REASON].decode()
    assert str(size) == h[DLQ_ORIGINAL_SIZE].decode()
    assert hashlib.sha256(big).hexdigest() == h[DLQ_ORIGINAL_SHA256].decode()
    assert (topics.input, "0", "10") == (
        h[DLQ_SOURCE_TOPIC].decode(),
        h[DLQ_SOURCE_PARTITION].decode(),
        h[DLQ_SOURCE_OFFSET].decode(),
    )
    assert (b"big-key", b"oversize-test") == (dead.key, h["origin"])
    if carried:
        assert (big, None) == (dead.value, h.get(DLQ_VALUE_OMITTED))
    else:
        assert (None, b"true") == (dead.value, h[DLQ_VALUE_OMITTED])
    refused = [e for e in worker.logs() if e.get("msg") == "record too large for its topic, "
               "dead-lettering it without the value"]  # fmt: skip
    assert (1 if size == MAX_RECORD_BYTES + 1 and not carried else 0) == len(refused)
    assert not [e for e in worker.logs() if e.get("msg") == "dead letter not written"]


def test_unwritable_dead_letter_is_fatal(bootstrap: str, tmp_path: Path) -> None:
    """A DLQ topic that refuses even the value-less dead letter (max.message.bytes below it):
    bounded retries, then exit 1 with one fatal line, and the bad record's offset uncommitted."""
    topics = Topics.create(bootstrap, partitions=1)
    _set_max_message_bytes(bootstrap, topics.dead_letter, 256)
    events = make_events(5, seed=22)
    records = [(e["customer_id"].encode(), json.dumps(e).encode(), []) for e in events]
    records.append((b"k", b"not json " + b"x" * 400, []))
    _produce(bootstrap, topics.input, records)
    group = f"g-{uuid.uuid4().hex}"
    worker = WorkerProcess(bootstrap, topics, group, tmp_path / "w.log").start()
    try:
        assert 1 == worker.wait(timeout=180)
    finally:
        worker.kill()
    logs = worker.logs()
    failures = [e for e in logs if e.get("msg") == "dead letter not written"]
    fatal = [e for e in logs if e.get("msg") == "fatal Kafka error, exiting"]
    assert [1, 2, 3] == [e["attempt"] for e in failures]
    assert 1 == len(fatal)
    assert "refused 3 times" in fatal[0]["error"]
    assert committed_offsets(bootstrap, group, topics.input).get(0, 0) <= 5

"""Restore customer history from the compacted changelog topic, and check co-partitioning."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence

from worker.core.history_codec import HistoryCodecError, decode_history
from worker.core.types import History
from worker.errors import FatalKafkaError, TransientKafkaError
from worker.kafka._client import KafkaConsumer, KafkaProducer, TopicPartition
from worker.kafka.records import CONTROL_FORGET, CONTROL_HEADER, ConsumedRecord
from worker.kafka.translate import translate
from worker.settings import WorkerSettings

__all__ = ["check_copartitioned", "forget", "restore"]

logger = logging.getLogger(__name__)


def restore(
    settings: WorkerSettings,
    partitions: Sequence[int],
    *,
    timeout_s: float = 600.0,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Callable[[], object] = lambda: None,
) -> dict[int, dict[str, History]] | None:
    """Read the changelog partitions from the beginning to their last committed offset.

    Tombstones delete; values that cannot be decoded are skipped and counted in one warning
    (no key or value is logged).
    ``progress`` is called after each poll; when ``should_stop`` turns true the restore
    gives up and returns None (the worker is shutting down).
    """
    topic = settings.topics.changelog
    tps = [TopicPartition(topic, p) for p in partitions]
    states: dict[int, dict[str, History]] = {p: {} for p in partitions}
    if not tps:
        return states
    consumer = KafkaConsumer(
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_poll_records=5_000,
        **settings.kafka.client_kwargs(),
    )
    try:
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        ends = consumer.end_offsets(tps)
        pending = {tp for tp in tps if consumer.position(tp) < ends[tp]}
        deadline = time.monotonic() + timeout_s
        skipped = 0
        while pending:
            progress()
            if should_stop():
                return None
            if time.monotonic() > deadline:
                raise TransientKafkaError(f"restoring {topic} took longer than {timeout_s:.0f}s")
            for tp, records in consumer.poll(timeout_ms=500).items():
                skipped += _apply(states[tp.partition], records)
            pending = {tp for tp in pending if consumer.position(tp) < ends[tp]}
        if skipped:
            logger.warning(
                "skipped unreadable changelog values",
                extra={"fields": {"topic": topic, "count": skipped}},
            )
    finally:
        consumer.close()
    return states


def _apply(state: dict[str, History], records: Iterable[ConsumedRecord]) -> int:
    """Apply changelog records to one partition's state; returns how many were unreadable."""
    skipped = 0
    for record in records:
        if record.key is None:
            continue
        key = record.key.decode("utf-8", "replace")
        if record.value is None:
            state.pop(key, None)
            continue
        try:
            state[key] = decode_history(record.value)
        except HistoryCodecError:
            skipped += 1
    return skipped


def check_copartitioned(settings: WorkerSettings, consumer: KafkaConsumer) -> int:
    """The input and changelog topics must have the same partition count; returns it."""
    t = settings.topics
    inputs = consumer.partitions_for_topic(t.input)
    changelog = consumer.partitions_for_topic(t.changelog)
    if not changelog:
        raise FatalKafkaError(
            f"changelog topic {t.changelog!r} does not exist: create it compacted with "
            f"{len(inputs or ())} partitions (triage-worker topics create does)"
        )
    if len(inputs or ()) != len(changelog):
        raise FatalKafkaError(
            f"input topic {t.input!r} has {len(inputs or ())} partitions but changelog "
            f"{t.changelog!r} has {len(changelog)}: they must be equal (co-partitioned), "
            "or customer history would be read from the wrong partition"
        )
    return len(changelog)


def forget(settings: WorkerSettings, customer_id: str) -> None:
    """Tombstone the customer in the changelog and tell running workers through the input.

    Both records are keyed by the customer id, so the default partitioner puts them in the
    partition the customer's messages (and history) live in.
    """
    key = customer_id.encode()
    try:
        producer = KafkaProducer(
            acks="all", enable_idempotence=True, **settings.kafka.client_kwargs()
        )
        try:
            producer.send(settings.topics.changelog, key=key, value=None).get(timeout=30)
            producer.send(
                settings.topics.input,
                key=key,
                value=None,
                headers=[(CONTROL_HEADER, CONTROL_FORGET)],
            ).get(timeout=30)
        finally:
            producer.close(timeout=10)
    except Exception as exc:  # noqa: BLE001
        raise FatalKafkaError(f"could not erase the customer: {translate(exc)}") from None

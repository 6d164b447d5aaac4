"""Create the worker's topics (for local use and tests; production topics are usually managed)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from worker.errors import FatalKafkaError
from worker.kafka._client import Errors, KafkaAdminClient, NewTopic
from worker.kafka.clients import admin_client
from worker.kafka.translate import translate
from worker.settings import WorkerSettings

__all__ = ["READY_TIMEOUT_S", "create_topics", "wait_for_leaders"]

#: How long ``create_topics`` waits for the topics it created to have a leader on every
#: partition. A controller acknowledges a creation before the brokers serve the new topic
#: (seconds on a loaded node), and a worker started meanwhile sees a topic without partitions.
READY_TIMEOUT_S = 60.0


def create_topics(
    settings: WorkerSettings, *, partitions: int, replication_factor: int = 1
) -> dict[str, str]:
    """Create input, output, escalations, dead-letter and changelog topics; name -> status."""
    t = settings.topics
    # What the worker writes may be as large as its producer's max_request_size: a dead letter
    # carries the original record (up to limits.max_record_bytes) plus headers.
    sized = {"max.message.bytes": str(settings.kafka.max_request_size)}
    wanted = [
        NewTopic(t.input, partitions, replication_factor),
        NewTopic(t.output, partitions, replication_factor, topic_configs=sized),
        NewTopic(t.escalations, partitions, replication_factor, topic_configs=sized),
        NewTopic(t.dead_letter, partitions, replication_factor, topic_configs=sized),
        NewTopic(
            t.changelog,
            partitions,
            replication_factor,
            topic_configs={"cleanup.policy": "compact", "min.compaction.lag.ms": "60000"},
        ),
    ]
    status: dict[str, str] = {}
    try:
        admin = admin_client(settings)
    except Exception as exc:  # noqa: BLE001
        raise FatalKafkaError(f"cannot reach the brokers: {translate(exc)}") from None
    try:
        existing = set(admin.list_topics())
        for topic in wanted:
            if topic.name in existing:
                status[topic.name] = "exists"
                continue
            try:
                admin.create_topics([topic])
                status[topic.name] = f"created ({partitions} partitions)"
            except Errors.TopicAlreadyExistsError:
                status[topic.name] = "exists"
        expected = {t: partitions if s != "exists" else None for t, s in status.items()}
        waiting = wait_for_leaders(admin, expected)
    except Exception as exc:  # noqa: BLE001
        raise FatalKafkaError(f"could not create topics: {translate(exc)}") from None
    finally:
        admin.close()
    if waiting:
        raise FatalKafkaError(
            f"no leader on every partition of {', '.join(waiting)} after {READY_TIMEOUT_S:.0f} s"
        )
    return status


def wait_for_leaders(
    admin: KafkaAdminClient,
    expected: Mapping[str, int | None],
    timeout_s: float = READY_TIMEOUT_S,
) -> list[str]:
    """Wait until each topic of ``expected`` has its number of partitions (any, if None), each
    with a leader; returns the topics still without after ``timeout_s`` (empty when all are)."""
    deadline = time.monotonic() + timeout_s
    waiting = sorted(expected)
    while waiting:
        waiting = [
            described["name"]
            for described in admin.describe_topics(waiting)
            if not _ready(described, expected[described["name"]])
        ]
        if not waiting or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    return waiting


def _ready(described: dict[str, Any], partitions: int | None) -> bool:
    """No error, and ``partitions`` partitions (at least one, if None), each with a leader."""
    found = described["partitions"]
    led = [p for p in found if p["error_code"] == 0 and p["leader_id"] >= 0]
    count_ok = len(found) == partitions if partitions is not None else len(found) > 0
    return described["error_code"] == 0 and count_ok and len(led) == len(found)

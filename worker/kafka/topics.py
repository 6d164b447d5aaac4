"""Create the worker's topics (for local use and tests; production topics are usually managed)."""

from __future__ import annotations

from worker.errors import FatalKafkaError
from worker.kafka._client import Errors, NewTopic
from worker.kafka.clients import admin_client
from worker.kafka.translate import translate
from worker.settings import WorkerSettings

__all__ = ["create_topics"]


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
    except Exception as exc:  # noqa: BLE001
        raise FatalKafkaError(f"could not create topics: {translate(exc)}") from None
    finally:
        admin.close()
    return status

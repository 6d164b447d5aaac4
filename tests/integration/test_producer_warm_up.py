"""The producer's warm-up (worker.kafka.clients.warm_up) against the real broker: before the
first batch, the producer already knows the topics every batch writes to and the group
coordinator its transactions commit offsets through (measured in docs/performance.md: the
first transaction fetched them itself, one backoff after another, and took 450-650 ms)."""

from __future__ import annotations

import uuid

import pytest

from worker.kafka import clients
from worker.kafka._client import CoordinatorType, KafkaProducer
from worker.settings import WorkerSettings

pytestmark = pytest.mark.integration


def _settings(bootstrap: str, **processing: str) -> WorkerSettings:
    tag = uuid.uuid4().hex
    return WorkerSettings(
        kafka={"bootstrap_servers": bootstrap, "group_id": f"g-{tag}"},
        topics={"output": f"out-{tag}", "changelog": f"changelog-{tag}"},
        processing={"instance_id": f"i-{tag}", **processing},
    )


def _known(producer: KafkaProducer, topic: str) -> set[int] | None:
    partitions: set[int] | None = producer._metadata.partitions_for_topic(topic)
    return partitions


def _group_coordinator(producer: KafkaProducer) -> object:
    manager = producer._transaction_manager
    return manager.coordinator(CoordinatorType.GROUP)


def test_the_producer_knows_its_topics_and_group_coordinator_before_any_send(
    bootstrap: str, topic_factory
) -> None:
    settings = _settings(bootstrap)
    output, changelog = topic_factory(partitions=3), topic_factory(partitions=2)
    settings = settings.model_copy(
        update={
            "topics": settings.topics.model_copy(update={"output": output, "changelog": changelog})
        }
    )
    producer = clients.producer(settings)
    try:
        assert {0, 1, 2} == _known(producer, output)
        assert {0, 1} == _known(producer, changelog)
        assert _group_coordinator(producer) is not None
    finally:
        producer.close(timeout=5)


def test_a_missing_topic_is_left_to_the_first_send(bootstrap: str, topic_factory) -> None:
    """The output topic does not exist: the producer is built all the same (the loop's
    "batch failed, retrying" reports the topic, as before), the coordinator is known."""
    settings = _settings(bootstrap, state_store="memory")
    producer = clients.producer(settings)
    try:
        assert _known(producer, settings.topics.output) is None
        assert _group_coordinator(producer) is not None
    finally:
        producer.close(timeout=5)


def test_memory_state_and_at_least_once_fetch_no_changelog_and_no_coordinator(
    bootstrap: str, topic_factory
) -> None:
    """Without the changelog the producer never tracks that topic (a topic it tracks is
    refreshed ~10 times a second while missing); at_least_once commits on the consumer."""
    settings = _settings(bootstrap, state_store="memory", guarantee="at_least_once")
    output = topic_factory(partitions=1)
    topics = settings.topics.model_copy(update={"output": output})
    settings = settings.model_copy(update={"topics": topics})
    producer = clients.producer(settings)
    try:
        assert {0} == _known(producer, output)
        assert settings.topics.changelog not in producer._metadata._topics
        assert _group_coordinator(producer) is None
    finally:
        producer.close(timeout=5)

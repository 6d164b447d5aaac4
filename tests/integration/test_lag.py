"""The consumer-lag thread (worker.kafka.lag) with the real clients against the real broker."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from kafka import TopicPartition
from kafka.structs import OffsetAndMetadata
from prometheus_client import CollectorRegistry

from worker.core.techniques import TECHNIQUE_IDS
from worker.errors import DEAD_LETTER_REASONS
from worker.history import CustomerHistories
from worker.kafka.clients import KafkaClients
from worker.kafka.lag import LagThread
from worker.kafka.partitions import Partitions
from worker.metrics import Metrics
from worker.settings import WorkerSettings

pytestmark = pytest.mark.integration


def _lag(registry: CollectorRegistry, partition: int) -> float | None:
    return registry.get_sample_value("triage_consumer_lag", {"partition": str(partition)})


def test_lag_is_end_minus_committed_read_by_its_own_thread(
    bootstrap: str, topic_factory, producer_factory, consumer_factory
) -> None:
    """Partition 0 (5 records, 2 committed) lags 3; partition 1 (3 records, nothing
    committed) lags 3 from its beginning; the thread sets both, stops on request and closes
    its client; a revoked partition's series is gone."""
    topic, group = topic_factory(partitions=2), f"g-{uuid.uuid4().hex}"
    producer = producer_factory()
    for partition, count in ((0, 5), (1, 3)):
        for i in range(count):
            producer.send(topic, value=b"x%d" % i, partition=partition)
    producer.flush()
    committer = consumer_factory(group_id=group)
    tp0, tp1 = TopicPartition(topic, 0), TopicPartition(topic, 1)
    committer.assign([tp0])
    committer.commit({tp0: OffsetAndMetadata(2, "", -1)})

    settings = WorkerSettings(
        kafka={"bootstrap_servers": bootstrap, "group_id": group}, topics={"input": topic}
    )
    clients = KafkaClients(settings)
    # As in the worker: the main consumer first (never polled here, so it never joins), whose
    # protocol version the lag reader is then built with, without bootstrapping.
    clients.consumer(_NoRebalance()).close(autocommit=False)
    registry = CollectorRegistry()
    metrics = Metrics(
        registry, technique_ids=TECHNIQUE_IDS, dead_letter_reasons=DEAD_LETTER_REASONS
    )
    partitions = Partitions(
        clients,
        CustomerHistories(timedelta(days=30)),
        metrics,
        durable=False,
        request_timeout_ms=10_000,
        should_stop=lambda: False,
        progress=lambda: None,
        set_ready=lambda ready, reason: None,
    )
    partitions.assigned |= {tp0, tp1}
    lag = LagThread(clients, partitions, metrics, interval_s=0.2)
    lag.start()
    try:
        deadline = time.monotonic() + 30
        while (_lag(registry, 0), _lag(registry, 1)) != (3.0, 3.0):
            assert time.monotonic() < deadline, (_lag(registry, 0), _lag(registry, 1))
            time.sleep(0.05)
        partitions.on_revoked([tp1])
        after = lag.readings + 2  # two more readings: the revoked series must not come back
        while lag.readings < after:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert (3.0, None) == (_lag(registry, 0), _lag(registry, 1))
    finally:
        lag.stop(timeout_s=15)
    assert not lag._thread.is_alive()


class _NoRebalance:
    def on_assigned(self, partitions: object) -> None:
        raise AssertionError("the consumer was never polled")

    def on_revoked(self, partitions: object) -> None:
        raise AssertionError("the consumer was never polled")

"""The worker's transactional calls (worker.kafka.clients) against the real broker.

kafka-python 3.0.12 keeps the offsets of a TxnOffsetCommit that failed with a stale group
membership (UNKNOWN_MEMBER_ID, as after a broker restart) and sends them again with the next
transaction: the next commit then moves the group past records whose outputs were aborted.
This is what lost a whole batch in the broker-restart chaos test. These tests make that
failure on purpose, with a member id the group does not know.
"""

from __future__ import annotations

import time

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import CommitFailedError, KafkaTimeoutError
from kafka.structs import OffsetAndMetadata

from tests.harness.kafka import KafkaBroker
from worker.kafka import clients

pytestmark = pytest.mark.integration

TIMEOUT_S = 30.0


def joined(consumer: KafkaConsumer, timeout_s: float = 30.0) -> None:
    """Poll until the consumer holds its partitions (a real member of its group)."""
    deadline = time.monotonic() + timeout_s
    while not consumer.assignment() and time.monotonic() < deadline:
        consumer.poll(timeout_ms=200)
    assert consumer.assignment(), "the consumer never joined its group"


def aborted_offsets_then_commit(
    producer: KafkaProducer, consumer: KafkaConsumer, sink: str, source: str, *, ours: bool
) -> int | None:
    """Transaction 1 offers offset 2 for partition 0 with a stale member id and is aborted;
    transaction 2 commits offset 1 for partition 1 only. Returns partition 0's committed
    offset afterwards (None: nothing committed there, as it must be)."""
    stale = consumer.group_metadata()._replace(member_id="triage-gone-member")
    producer.begin_transaction()
    producer.send(sink, b"aborted")
    with pytest.raises(CommitFailedError):
        offsets = {TopicPartition(source, 0): OffsetAndMetadata(2, "", -1)}
        if ours:
            clients.send_offsets_to_transaction(producer, offsets, stale, TIMEOUT_S)
        else:
            producer.send_offsets_to_transaction(offsets, stale)
    producer.abort_transaction()

    producer.begin_transaction()
    producer.send(sink, b"committed")
    offsets = {TopicPartition(source, 1): OffsetAndMetadata(1, "", -1)}
    if ours:
        clients.send_offsets_to_transaction(producer, offsets, consumer.group_metadata(), TIMEOUT_S)
        clients.commit_transaction(producer, TIMEOUT_S)
    else:
        producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
        producer.commit_transaction()
    assert 1 == consumer.committed(TopicPartition(source, 1))
    return consumer.committed(TopicPartition(source, 0))


@pytest.mark.parametrize("ours", [True, False], ids=["worker-clients", "plain-kafka-python"])
def test_offsets_of_an_aborted_transaction_never_commit_later(
    topic_factory, producer_factory, consumer_factory, ours: bool
) -> None:
    """With the worker's call the aborted offsets stay uncommitted; kafka-python's own call
    commits them with the next transaction (the upstream bug the worker works around: if
    kafka-python fixes it, this case fails and the workaround can go)."""
    source, sink = topic_factory(partitions=2), topic_factory()
    consumer = consumer_factory(source)
    joined(consumer)
    producer = producer_factory(transactional=True)

    committed = aborted_offsets_then_commit(producer, consumer, sink, source, ours=ours)

    assert (None if ours else 2) == committed


def test_commit_gives_up_when_the_broker_does_not_answer(
    kafka_broker: KafkaBroker, topic_factory, producer_factory
) -> None:
    """A broker that stops answering (SIGSTOP) makes the bounded commit raise after its
    timeout instead of blocking for good; the broker then carries on."""
    sink = topic_factory()
    producer = producer_factory(transactional=True)
    producer.begin_transaction()
    producer.send(sink, b"x").get(timeout=30)
    kafka_broker.freeze()
    started = time.monotonic()
    try:
        with pytest.raises(KafkaTimeoutError):
            clients.commit_transaction(producer, 3.0)
        waited = time.monotonic() - started
    finally:
        kafka_broker.thaw()
    assert 3.0 <= waited < 10.0

"""The local Kafka harness gives a real broker that kafka-python 3 can use transactionally."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from tests.harness import kafka as kafka_harness
from tests.harness.kafka import BrokerError, KafkaBroker

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]


def poll_values(consumer: KafkaConsumer, count: int, timeout_s: float = 90.0) -> list[bytes]:
    """Poll until ``count`` record values arrived or the timeout passed (generous: a group
    join on a loaded machine can take many seconds, and a passing poll returns at once)."""
    values: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    while len(values) < count and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=200).values():
            values.extend(record.value for record in records)
    return values


def harness_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tests.harness.kafka ARGS`` from the repository root."""
    command = [sys.executable, "-m", "tests.harness.kafka", *args]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)


def test_round_trip(topic_factory, producer_factory, consumer_factory):
    """Records produced to a topic come back, in order, to a consumer."""
    topic = topic_factory()
    producer = producer_factory()
    for value in (b"one", b"two", b"three"):
        producer.send(topic, value)
    producer.flush()

    assert [b"one", b"two", b"three"] == poll_values(consumer_factory(topic), 3)


def test_transaction_commits_records_and_offsets(topic_factory, producer_factory, consumer_factory):
    """A committed transaction publishes its records and the group's source offsets together."""
    source, sink = topic_factory(), topic_factory()
    plain = producer_factory()
    for value in (b"a", b"b", b"c"):
        plain.send(source, value)
    plain.flush()
    # As in the test below: the producer's init first, the worker's session timeout.
    producer = producer_factory(transactional=True)
    consumer = consumer_factory(source, session_timeout_ms=45_000, heartbeat_interval_ms=3_000)
    values = poll_values(consumer, 3)

    producer.begin_transaction()
    for value in values:
        producer.send(sink, value.upper())
    offsets = {TopicPartition(source, 0): OffsetAndMetadata(3, "", -1)}
    producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
    producer.commit_transaction()

    assert [b"A", b"B", b"C"] == poll_values(consumer_factory(sink), 3)
    assert 3 == consumer.committed(TopicPartition(source, 0))


def test_aborted_transaction_commits_nothing(topic_factory, producer_factory, consumer_factory):
    """An aborted transaction leaves the group's offsets unchanged."""
    source, sink = topic_factory(), topic_factory()
    plain = producer_factory()
    plain.send(source, b"a")
    plain.flush()
    # The transactional producer first (its init can take seconds on a loaded machine), then
    # the consumer joins, with the worker's session timeout (45 s; kafka-python's 10 s let the
    # group drop the member on a loaded CI run: UnknownMemberIdError on the offsets commit).
    producer = producer_factory(transactional=True)
    consumer = consumer_factory(source, session_timeout_ms=45_000, heartbeat_interval_ms=3_000)
    poll_values(consumer, 1)

    producer.begin_transaction()
    producer.send(sink, b"A")
    offsets = {TopicPartition(source, 0): OffsetAndMetadata(1, "", -1)}
    producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
    producer.abort_transaction()

    assert consumer.committed(TopicPartition(source, 0)) is None


@pytest.mark.parametrize(
    ("isolation_level", "expected"),
    [
        ("read_committed", [b"kept"]),
        ("read_uncommitted", [b"dropped-1", b"dropped-2", b"kept"]),
    ],
)
def test_aborted_records_visibility(
    topic_factory, producer_factory, consumer_factory, isolation_level, expected
):
    """Aborted records are hidden from read_committed consumers and shown to read_uncommitted."""
    topic = topic_factory()
    producer = producer_factory(transactional=True)
    producer.begin_transaction()
    producer.send(topic, b"dropped-1")
    producer.send(topic, b"dropped-2")
    producer.flush()  # else the producer drops the unsent batches and the log never has them
    producer.abort_transaction()
    producer.begin_transaction()
    producer.send(topic, b"kept")
    producer.commit_transaction()

    consumer = consumer_factory(topic, isolation_level=isolation_level)

    assert expected == poll_values(consumer, len(expected))


def test_start_is_idempotent(kafka_broker: KafkaBroker):
    """Starting a running broker, from the library or the CLI, keeps the same process."""
    pid = kafka_broker.pid

    kafka_broker.start()
    cli = harness_cli("up", "--dir", str(kafka_broker.directory), "--port", str(kafka_broker.port))

    assert (0, pid) == (cli.returncode, kafka_broker.pid)
    assert "already running" in cli.stdout


def test_status_reports_running_broker(kafka_broker: KafkaBroker):
    """``status`` exits 0 and names the bootstrap address of a running broker."""
    cli = harness_cli("status", "--dir", str(kafka_broker.directory))

    assert 0 == cli.returncode
    assert kafka_broker.bootstrap in cli.stdout


@pytest.mark.parametrize("crash", [False, True], ids=["stop", "kill"])
def test_restart_keeps_data(kafka_broker, topic_factory, producer_factory, consumer_factory, crash):
    """Records survive a stop (or a SIGKILL) and start of the broker on the same port."""
    topic = topic_factory()
    producer = producer_factory(acks="all")
    producer.send(topic, b"durable").get(timeout=10)

    if crash:
        kafka_broker.kill()
    else:
        kafka_broker.stop()
    kafka_broker.start()

    assert [b"durable"] == poll_values(consumer_factory(topic, group_id=str(uuid.uuid4())), 1)


def test_start_survives_a_port_race(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A port picked free may be bound by another process before Kafka binds it (two test
    workers picked the same one in CI at stop 57, and the harness took the other worker's
    broker for its own). Here a socket bound without listening takes the first port: the
    pre-start check sees nothing answer, Kafka fails to bind, and the broker starts again
    on a fresh port; it is ready only once its own log says so."""
    blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    blocker.bind(("127.0.0.1", 0))
    taken = blocker.getsockname()[1]
    picks = iter([taken])
    real = kafka_harness.free_port
    monkeypatch.setattr(kafka_harness, "free_port", lambda: next(picks, None) or real())
    broker = KafkaBroker(tmp_path / "raced")
    try:
        assert broker.port == taken
        broker.start()
        assert broker.port != taken
        assert broker.is_running()
        log = broker.log_path.read_text()
        assert log.count("=== harness start") == 2
        assert f"failed to bind to 127.0.0.1:{taken}: Address already in use" in log
    finally:
        broker.stop()
        blocker.close()


def test_a_taken_port_given_by_the_caller_fails_clearly(tmp_path: Path) -> None:
    """A port the caller chose is not changed behind its back: the start fails, naming the
    bind error, and no broker is left running."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as blocker:
        blocker.bind(("127.0.0.1", 0))
        broker = KafkaBroker(tmp_path / "fixed", blocker.getsockname()[1])
        with pytest.raises(BrokerError, match="Address already in use"):
            broker.start()
        assert not broker.is_running()
        # tried once: only a port the harness picked is picked again
        assert broker.log_path.read_text().count("=== harness start") == 1

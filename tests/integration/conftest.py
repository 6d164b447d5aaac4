"""Broker fixtures for everything under tests/integration (chaos included): one real broker
per session, uuid-named topics and groups.

tests/deploy/conftest.py re-exports ``kafka_broker``, ``bootstrap`` and the client factories
for the image and the topics-job tests; the broker is kept in the run's ``config.stash``, so a
run of both directories still starts one. Every client a factory hands out is closed when its
test ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from tests.harness.client_leaks import close_leaked_sockets
from tests.harness.kafka import KafkaBroker
from worker.kafka.topics import wait_for_leaders

TopicFactory = Callable[..., str]
ProducerFactory = Callable[..., KafkaProducer]
ConsumerFactory = Callable[..., KafkaConsumer]


@pytest.fixture(name="close_leaked_sockets", scope="session", autouse=True)
def fixture_close_leaked_sockets() -> Iterator[None]:
    """Close the sockets that kafka-python 3.0.12 leaks when a broker stops or is killed
    (tests/harness/client_leaks.py); ``filterwarnings = error`` would turn each into a
    session error."""
    with pytest.MonkeyPatch.context() as patch:
        close_leaked_sockets(patch)
        yield


_SESSION_BROKER = pytest.StashKey[KafkaBroker]()


@pytest.fixture(name="kafka_broker", scope="session")
def fixture_kafka_broker(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> KafkaBroker:
    """A KRaft broker on a free port in a temporary dir, one per run (shared by every conftest
    that re-exports this fixture), stopped when the run ends."""
    stash = request.config.stash
    if _SESSION_BROKER not in stash:
        broker = KafkaBroker(tmp_path_factory.mktemp("kafka"))
        broker.start()
        request.config.add_cleanup(broker.stop)
        stash[_SESSION_BROKER] = broker
    return stash[_SESSION_BROKER]


@pytest.fixture(name="bootstrap")
def fixture_bootstrap(kafka_broker: KafkaBroker) -> str:
    """``bootstrap_servers`` of the session broker, restarted first if a chaos test left it down."""
    if not kafka_broker.is_running():
        kafka_broker.start()
    return kafka_broker.bootstrap


@pytest.fixture(name="topic_factory")
def fixture_topic_factory(bootstrap: str) -> Iterator[TopicFactory]:
    """Create a uuid-named topic: ``topic_factory(partitions=1, config=None) -> name``."""
    admins: list[KafkaAdminClient] = []

    def create(partitions: int = 1, config: dict[str, str] | None = None) -> str:
        if not admins:
            admins.append(KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-admin"))
        name = f"test-{uuid.uuid4().hex}"
        topic = NewTopic(name, partitions, 1, topic_configs=config or {})
        admins[0].create_topics([topic])
        # The broker serves a new topic some time after the controller created it (seconds on
        # a loaded machine); a consumer that joins before sees no partitions to assign.
        assert [] == wait_for_leaders(admins[0], {name: partitions})
        return name

    yield create
    for admin in admins:
        admin.close()


@pytest.fixture(name="producer_factory")
def fixture_producer_factory(bootstrap: str) -> Iterator[ProducerFactory]:
    """Build a producer: ``producer_factory(transactional=False, **kwargs)``.

    A transactional producer gets a uuid ``transactional_id`` (unless one is passed) and has
    already called ``init_transactions()``.
    """
    producers: list[KafkaProducer] = []

    def create(transactional: bool = False, **kwargs: Any) -> KafkaProducer:
        if transactional:
            kwargs.setdefault("transactional_id", f"test-tx-{uuid.uuid4().hex}")
        producer = KafkaProducer(bootstrap_servers=bootstrap, **kwargs)
        producers.append(producer)
        if transactional:
            producer.init_transactions()
        return producer

    yield create
    for producer in producers:
        producer.close(timeout=5)


@pytest.fixture(name="consumer_factory")
def fixture_consumer_factory(bootstrap: str) -> Iterator[ConsumerFactory]:
    """Build a consumer reading from the earliest offset without auto-commit, refreshing its
    metadata every 3 s.

    ``consumer_factory(*topics, group_id=None, isolation_level="read_committed", **kwargs)``;
    ``group_id=None`` means a fresh uuid-named group.
    """
    consumers: list[KafkaConsumer] = []

    def create(
        *topics: str,
        group_id: str | None = None,
        isolation_level: str = "read_committed",
        **kwargs: Any,
    ) -> KafkaConsumer:
        kwargs.setdefault("auto_offset_reset", "earliest")
        kwargs.setdefault("enable_auto_commit", False)
        # A group assigned while its topic had no partition metadata (CI once, under load:
        # "No partition metadata for topic") rejoins at the next metadata refresh; 3 s
        # instead of kafka-python's 5 minutes keeps that within a test's wait.
        kwargs.setdefault("metadata_max_age_ms", 3_000)
        consumer = KafkaConsumer(
            *topics,
            bootstrap_servers=bootstrap,
            group_id=group_id or f"test-group-{uuid.uuid4().hex}",
            isolation_level=isolation_level,
            **kwargs,
        )
        consumers.append(consumer)
        return consumer

    yield create
    for consumer in consumers:
        consumer.close()

"""Build kafka-python clients from settings, and wait for the brokers at start-up."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from worker.core.types import History
from worker.errors import BrokerUnavailableError, FatalKafkaError, TransientKafkaError
from worker.kafka import changelog
from worker.kafka._client import (
    ConsumerRebalanceListener,
    CooperativeStickyAssignor,
    CoordinatorType,
    Errors,
    FindCoordinatorHandler,
    KafkaAdminClient,
    KafkaConsumer,
    KafkaProducer,
    RangePartitionAssignor,
    RoundRobinPartitionAssignor,
)
from worker.kafka.protocols import Consumer, LagReader, Listener, Offsets, Producer
from worker.kafka.translate import translate
from worker.settings import WorkerSettings

__all__ = [
    "KafkaClients",
    "abort_transaction",
    "admin_client",
    "commit_transaction",
    "consumer",
    "discard_producer",
    "last_transaction_error",
    "leave_group",
    "producer",
    "send_offsets_to_transaction",
    "wait_for_brokers",
    "warm_up",
]

logger = logging.getLogger(__name__)


def consumer(settings: WorkerSettings, listener: ConsumerRebalanceListener) -> KafkaConsumer:
    """A read_committed consumer subscribed to the input topic, committing only on purpose.

    A static member (KIP-345) restarted under the same instance id rejoins without a
    rebalance; cooperative-sticky (KIP-429) moves only the partitions that change owner.
    """
    _install_log_filters()
    k = settings.kafka
    assignors = (
        (CooperativeStickyAssignor,)
        if k.assignor == "cooperative-sticky"
        else (RangePartitionAssignor, RoundRobinPartitionAssignor)
    )
    client = KafkaConsumer(
        group_id=k.group_id,
        group_instance_id=settings.processing.instance_id if k.static_membership else None,
        partition_assignment_strategy=assignors,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_poll_records=settings.processing.batch_max_records,
        max_poll_interval_ms=k.max_poll_interval_ms,
        session_timeout_ms=k.session_timeout_ms,
        heartbeat_interval_ms=max(1000, k.session_timeout_ms // 4),
        **k.client_kwargs(),
    )
    client.subscribe([settings.topics.input], listener=listener)
    return client


class _MissingTopicFilter(logging.Filter):
    """Drop kafka-python's "Topic X not found in cluster metadata" ERROR, which it logs on
    every metadata refresh (about 10 a second) while a topic we write to is missing. Our own
    "batch failed, retrying" line reports it once per attempt instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg != "Topic %s not found in cluster metadata"


_MISSING_TOPIC_FILTER = _MissingTopicFilter()


class ClosedSocketReceiveFilter(logging.Filter):
    """Demote to WARNING kafka-python's "Error receiving network data" when the transport was
    already closed, so that its socket is gone.

    kafka-python 3's ``KafkaSSLTransport._sock_recv`` lacks the ``_sock is None`` check its
    ``_sock_send`` has: a read that races a close (seen when a TLS connection shuts down) logs
    an ``AttributeError`` at ERROR although nothing was lost. The line is kept, one level down;
    any other receive error, or one on an open socket, passes unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        transport = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if (
            record.levelno == logging.ERROR
            and isinstance(record.msg, str)
            and record.msg.startswith("%s: Error receiving network data")
            and record.exc_info is not None
            and record.exc_info[0] is AttributeError
            and transport is not None
            and getattr(transport, "_sock", False) is None
        ):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_CLOSED_RECEIVE_FILTER = ClosedSocketReceiveFilter()


class CancelledRequestFilter(logging.Filter):
    """Demote to WARNING kafka-python's "Error sending HeartbeatRequest to node coordinator-1
    [Cancelled]": a group request in flight when its connection was closed under it.

    The consumer's ``close()`` cancels a heartbeat in flight (seen on a clean shutdown over
    SASL_SSL) and a dropped connection does the same; the client marks the coordinator dead
    and finds it again, and nothing is lost. Any other error of a group request stays ERROR.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            record.levelno == logging.ERROR
            and record.msg == "Error sending %s to node %s [%s]"
            and isinstance(record.args, tuple)
            and len(record.args) == 3
            and isinstance(record.args[2], Errors.Cancelled)
        ):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_CANCELLED_REQUEST_FILTER = CancelledRequestFilter()


def _install_log_filters() -> None:
    """Add our kafka-python log filters once per process (idempotent)."""
    for name, log_filter in (
        ("kafka.cluster", _MISSING_TOPIC_FILTER),
        ("kafka.net.transport", _CLOSED_RECEIVE_FILTER),
        ("kafka.coordinator", _CANCELLED_REQUEST_FILTER),
    ):
        target = logging.getLogger(name)
        if log_filter not in target.filters:
            target.addFilter(log_filter)


def producer(settings: WorkerSettings) -> KafkaProducer:
    """Idempotent producer; transactional when the guarantee is exactly_once."""
    _install_log_filters()
    p = settings.processing
    kwargs: dict[str, Any] = {
        "acks": "all",
        "enable_idempotence": True,
        "linger_ms": 5,
        "max_block_ms": 10_000,
        "compression_type": None,
        "max_request_size": settings.kafka.max_request_size,
    }
    if p.guarantee == "exactly_once":
        kwargs["transactional_id"] = p.transactional_id
        kwargs["transaction_timeout_ms"] = 60_000
    client = KafkaProducer(**kwargs, **settings.kafka.client_kwargs())
    if p.guarantee == "exactly_once":
        try:
            client.init_transactions()  # bounded by max_block_ms
        except BaseException:
            client.close(timeout=0)
            raise
    # The topics every batch writes to. Not the escalation and dead-letter topics: a topic
    # the producer tracks is refreshed about 10 times a second while it is missing, and those
    # two may be written to rarely (their first send costs one metadata round trip).
    topics = [settings.topics.output]
    if p.state_store == "changelog":
        topics.append(settings.topics.changelog)
    warm_up(client, topics, settings.kafka.group_id if p.guarantee == "exactly_once" else None)
    return client


#: Longest time :func:`warm_up` waits for the brokers' answers.
WARM_UP_TIMEOUT_S = 5.0


def warm_up(
    client: KafkaProducer,
    topics: Sequence[str],
    group_id: str | None,
    timeout_s: float = WARM_UP_TIMEOUT_S,
) -> None:
    """Fetch, before the first batch, what its transaction would otherwise wait for: the
    metadata of ``topics`` and (with ``group_id``) the group
    coordinator that TxnOffsetCommit goes to. Best effort: whatever is not answered within
    ``timeout_s`` (a missing topic, a slow broker) is fetched by the first send as before.

    Measured (docs/performance.md): without it, kafka-python 3.0.12 fetched each of them
    inside the first transaction, the topics' metadata one refresh (100 ms backoff) after
    another and the group coordinator followed by a 100 ms retry backoff, so the first batch
    after start-up took 450-730 ms to write and commit (40-170 ms with this), and the records
    queued behind it set the run's p99. Same requests as the first send and the first
    send_offsets_to_transaction make, through the same producer (its private parts, as
    kafka-python's own methods use them: pinned version).
    """
    started = time.monotonic()
    deadline = started + timeout_s
    sender, metadata = client._sender, client._metadata  # noqa: SLF001 - see the docstring
    coordinator = None
    manager = client._transaction_manager  # noqa: SLF001
    if manager is not None and group_id is not None:
        handler = FindCoordinatorHandler(manager, CoordinatorType.GROUP, group_id)
        with manager._lock:  # noqa: SLF001
            manager._enqueue_request(handler)  # noqa: SLF001
        coordinator = handler.result
    for topic in topics:
        sender.add_topic(topic)  # the sender thread adds it to the next metadata request
    # Twice at most: an answer to a request sent before the topics were added has not got
    # them; a topic still unknown after the second is missing, and left to the first send.
    for _ in range(2):
        if all(metadata.partitions_for_topic(t) for t in topics):
            break
        answered = threading.Event()
        metadata.request_update().add_both(lambda event, *_: event.set(), answered)
        sender.wakeup()
        answered.wait(max(0.0, deadline - time.monotonic()))
    if coordinator is not None:
        try:
            coordinator.wait(timeout_ms=max(0, int((deadline - time.monotonic()) * 1000)))
        except Exception as exc:  # noqa: BLE001 - the first send_offsets meets it again
            logger.debug("group coordinator not found", extra={"fields": {"error": str(exc)}})
    known = [t for t in topics if metadata.partitions_for_topic(t)]
    fields: dict[str, object] = {"topics_known": len(known), "topics": len(topics)}
    fields["coordinator_known"] = coordinator is not None and coordinator.succeeded
    fields["ms"] = round((time.monotonic() - started) * 1000)
    logger.debug("producer warmed up", extra={"fields": fields})


# -- transactional calls with a deadline ----------------------------------------------------
#
# kafka-python 3.0.12's send_offsets_to_transaction(), commit_transaction() and
# abort_transaction() wait for the coordinator's answer without a timeout. When the broker is
# killed while such a request is in flight, the answer can never come (seen in
# tests/chaos/test_broker_restart.py: the loop blocked for good). These do what those methods
# do, through the same transaction manager, but wait at most ``timeout_s`` and then raise
# KafkaTimeoutError; the caller must then replace the producer (its transaction state is
# unknown), which the service does.
#
# Stale offsets: kafka-python 3.0.12 keeps the offsets of a TxnOffsetCommit that failed (for
# example UNKNOWN_MEMBER_ID after a broker restart) in the transaction manager's
# ``_pending_txn_offset_commits`` after the transaction is aborted, and sends them again with
# the next transaction's offsets, so the next commit moves the group past records whose
# outputs were aborted: they are lost (seen in tests/chaos/test_broker_restart.py; Kafka's
# Java client clears them when a transaction completes). A transaction of ours sends its
# offsets once, so anything pending when it starts is from an aborted one and is dropped
# here; tests/integration/test_transactions.py shows the loss this prevents.


def send_offsets_to_transaction(
    client: KafkaProducer, offsets: Any, group_metadata: Any, timeout_s: float
) -> None:
    manager = _manager(client)
    with manager._lock:  # noqa: SLF001 - see the comment above
        manager._pending_txn_offset_commits.clear()  # noqa: SLF001
    _wait(client, manager.send_offsets_to_transaction(offsets, group_metadata), "send offsets",
          timeout_s)  # fmt: skip


def commit_transaction(client: KafkaProducer, timeout_s: float) -> None:
    _wait(client, _manager(client).begin_commit(), "commit", timeout_s)


def abort_transaction(client: KafkaProducer, timeout_s: float) -> None:
    _wait(client, _manager(client).begin_abort(), "abort", timeout_s)


def discard_producer(client: KafkaProducer, timeout_s: float = 5.0) -> None:
    """Close a producer whose transaction state is unknown, without sending what it holds.

    kafka-python's ``close(timeout=0)`` flushes first and raises while records are pending,
    leaving the sender thread running; so the sender is force-closed first (it fails the
    pending batches and exits), then the producer is closed.
    """
    sender = client._sender  # noqa: SLF001 - see the docstring
    if sender is not None:
        sender.force_close()
        sender.join(timeout_s)
    client.close(timeout=0)


def last_transaction_error(client: KafkaProducer) -> BaseException | None:
    """The error that put the producer's transactions in an error state (kafka-python wraps
    it in a plain KafkaError when a later call fails, e.g. a ProducerFencedError)."""
    error = _manager(client).last_error
    return error if isinstance(error, BaseException) else None


def _manager(client: KafkaProducer) -> Any:
    manager = client._transaction_manager  # noqa: SLF001 - see the comment above
    if manager is None:
        raise Errors.IllegalStateError("the producer is not transactional")
    return manager


def _wait(client: KafkaProducer, result: Any, what: str, timeout_s: float) -> None:
    client._sender.wakeup()  # noqa: SLF001 - as KafkaProducer's own methods do
    if not result.wait(timeout_ms=int(timeout_s * 1000)):  # raises the request's error
        raise Errors.KafkaTimeoutError(f"transaction {what} not answered within {timeout_s:.0f}s")


def leave_group(client: KafkaConsumer, timeout_ms: int) -> None:
    """Leave the group now, a static member too (best effort, bounded by ``timeout_ms``).

    kafka-python, like the Java client, never sends LeaveGroup for a static member: its
    partitions would wait ``session.timeout.ms`` for it. That suits a crash (the same pod
    comes back under the same name); a clean stop (SIGTERM: a rolling restart, a scale-down,
    whose replacement has another name) should hand its partitions over at once, so this
    sends the LeaveGroup with the member's instance id, as ``close()`` does for a dynamic one.
    """
    coordinator = client._coordinator  # noqa: SLF001 - see the docstring
    if coordinator.group_instance_id is None:
        return  # close() leaves for a dynamic member
    coordinator.is_dynamic_member = lambda: True
    coordinator.maybe_leave_group(reason="the worker is stopping", timeout_ms=timeout_ms)


def admin_client(settings: WorkerSettings) -> KafkaAdminClient:
    return KafkaAdminClient(**settings.kafka.client_kwargs())


def _probe(settings: WorkerSettings) -> set[str]:
    """Topic names, from a short-lived admin client that gives up quickly.

    kafka-python logs every refused connection at ERROR; while we wait for the brokers that
    is expected, so its logger is quietened for the probe and our own line says what happens.
    """
    kafka_logger = logging.getLogger("kafka")
    level = kafka_logger.level
    kafka_logger.setLevel(logging.CRITICAL)
    try:
        admin = KafkaAdminClient(
            bootstrap_timeout_ms=5_000,
            reconnect_backoff_max_ms=1_000,
            **settings.kafka.client_kwargs(),
        )
        try:
            return set(admin.list_topics())
        finally:
            admin.close()
    finally:
        kafka_logger.setLevel(level)


def wait_for_brokers(
    settings: WorkerSettings,
    *,
    should_stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], object] = time.sleep,
    progress: Callable[[], object] = lambda: None,
) -> bool:
    """Block until the brokers answer and the input topic exists; False if asked to stop.

    Retries with exponential backoff (0.5 s doubling to 10 s), logging each attempt, and
    raises :class:`BrokerUnavailableError` after ``kafka.startup_timeout_s``. An
    authentication or authorisation failure is fatal at once. ``progress`` is called before
    each attempt (an attempt is progress: the liveness probe stays green meanwhile).
    """
    deadline = time.monotonic() + settings.kafka.startup_timeout_s
    delay = 0.5
    attempt = 0
    while not should_stop():
        attempt += 1
        progress()
        try:
            topics = _probe(settings)
            if settings.topics.input in topics:
                logger.info("brokers reachable", extra={"fields": {"attempt": attempt}})
                return True
            error: Exception = TransientKafkaError(
                f"input topic {settings.topics.input!r} does not exist yet"
            )
        except Exception as exc:  # noqa: BLE001 - classified below
            error = translate(exc)
            if isinstance(error, FatalKafkaError):
                raise error from None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrokerUnavailableError(
                    f"brokers {settings.kafka.bootstrap_servers} not reachable after "
                    f"{settings.kafka.startup_timeout_s:.0f}s ({attempt} attempts): {error}"
                ) from None
            logger.warning(
                "brokers not reachable yet, retrying",
                extra={
                    "fields": {
                        "attempt": attempt,
                        "retry_in_s": round(min(delay, remaining), 1),
                        "error": str(error),
                    }
                },
            )
            sleep(min(delay, remaining))
            delay = min(delay * 2, 10.0)
    return False


class _RebalanceListener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, listener: Listener) -> None:
        self._listener = listener

    def on_partitions_revoked(self, revoked: Sequence[Any]) -> None:
        self._listener.on_revoked(revoked)

    def on_partitions_assigned(self, assigned: Sequence[Any]) -> None:
        self._listener.on_assigned(assigned)


class KafkaClients:
    """The real :class:`~worker.kafka.protocols.Clients`: kafka-python, from settings."""

    def __init__(self, settings: WorkerSettings) -> None:
        self._settings = settings
        self._api_version: tuple[int, ...] | None = None

    def wait_for_brokers(
        self,
        *,
        should_stop: Callable[[], bool],
        sleep: Callable[[float], object],
        progress: Callable[[], object],
    ) -> bool:
        return wait_for_brokers(
            self._settings, should_stop=should_stop, sleep=sleep, progress=progress
        )

    def producer(self) -> Producer:
        client: Producer = producer(self._settings)
        return client

    def consumer(self, listener: Listener) -> Consumer:
        client = consumer(self._settings, _RebalanceListener(listener))
        # The protocol version the brokers answered with, for the lag reader (below).
        self._api_version = client.config["api_version"]
        typed: Consumer = client
        return typed

    def lag_reader(self) -> LagReader:
        """A consumer in the worker's group that never subscribes (so never joins it): it
        only reads end offsets and the group's committed offsets. Built with the main
        consumer's protocol version, it does not bootstrap in its constructor: against an
        unreachable broker the constructor would fail after starting its I/O thread, which
        nothing could then stop (one thread and a few sockets lost per attempt)."""
        reader: LagReader = KafkaConsumer(
            group_id=self._settings.kafka.group_id,
            api_version=self._api_version,
            enable_auto_commit=False,
            isolation_level="read_committed",
            **self._settings.kafka.client_kwargs(),
        )
        return reader

    def check_copartitioned(self, consumer: Consumer) -> None:
        changelog.check_copartitioned(self._settings, consumer)

    def restore(
        self,
        partitions: Sequence[int],
        *,
        should_stop: Callable[[], bool],
        progress: Callable[[], object],
    ) -> dict[int, dict[str, History]] | None:
        return changelog.restore(
            self._settings, partitions, should_stop=should_stop, progress=progress
        )

    def send_offsets(
        self, producer: Producer, offsets: Offsets, group: object, timeout_s: float
    ) -> None:
        send_offsets_to_transaction(producer, offsets, group, timeout_s)

    def commit(self, producer: Producer, timeout_s: float) -> None:
        commit_transaction(producer, timeout_s)

    def abort(self, producer: Producer, timeout_s: float) -> None:
        abort_transaction(producer, timeout_s)

    def last_transaction_error(self, producer: Producer) -> BaseException | None:
        return last_transaction_error(producer)

    def discard(self, producer: Producer) -> None:
        discard_producer(producer)

    def leave_group(self, consumer: Consumer, timeout_ms: int) -> None:
        leave_group(consumer, timeout_ms)

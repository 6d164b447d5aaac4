"""In-memory stand-ins for the Kafka clients the service loop uses (worker.kafka.protocols).

They keep a broker's essentials: per-partition logs, positions, pauses, the group's
committed offsets, and transactions whose records and offsets become visible only on
commit. Failures are injected per operation name with :meth:`FakeClients.fail`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from worker.kafka._client import OffsetAndMetadata, TopicPartition
from worker.kafka.protocols import Listener, Offsets

INPUT = "support.tickets"


@dataclass
class FakeRecord:
    topic: str
    partition: int
    offset: int
    value: bytes | None
    key: bytes | None = b"c-1"
    timestamp: int = 0
    headers: Any = field(default_factory=list)


@dataclass
class FakeFuture:
    exception: BaseException | None = None
    is_done: bool = True

    def failed(self) -> bool:
        return self.exception is not None


@dataclass
class Sent:
    topic: str
    key: bytes | None
    value: bytes | None
    partition: int | None
    headers: Any = field(default_factory=list)


class FakeProducer:
    def __init__(self, clients: FakeClients) -> None:
        self._clients = clients
        self.open: list[Sent] = []  # sent in the open transaction (or since the last flush)
        self.offsets: dict[TopicPartition, int] = {}
        self.in_transaction = False
        self.closed = False
        self.last_error: BaseException | None = None

    def send(
        self,
        topic: str,
        *,
        key: bytes | None,
        value: bytes | None,
        headers: Any,
        partition: int | None,
    ) -> FakeFuture:
        self._clients.maybe_fail("send")
        refused = self._clients.refusals.get(topic)
        if refused:  # the broker refuses this record: a failed future, nothing written
            return FakeFuture(exception=refused.pop(0))
        self.open.append(Sent(topic, key, value, partition, headers))
        return FakeFuture()

    def flush(self, timeout: float | None = None) -> None:
        self._clients.maybe_fail("flush")
        if not self.in_transaction:  # at-least-once: written as soon as flushed
            self._clients.written.extend(self.open)
            self.open = []

    def begin_transaction(self) -> None:
        assert not self.in_transaction, "a transaction is already open"
        self.in_transaction = True

    def close(self, timeout: float | None = None) -> None:
        self.closed = True


class FakeConsumer:
    def __init__(self, clients: FakeClients, listener: Listener) -> None:
        self._clients = clients
        self.listener = listener
        self.positions: dict[TopicPartition, int] = {}
        self.paused: set[TopicPartition] = set()
        self.seeks: list[tuple[TopicPartition, int]] = []
        self.closed = False

    def poll(
        self, timeout_ms: int = 0, max_records: int | None = None
    ) -> Mapping[TopicPartition, Sequence[FakeRecord]]:
        c = self._clients
        c.polls += 1
        c.max_records_asked.append(max_records)
        if c.before_poll is not None:
            c.before_poll()
        out: dict[TopicPartition, list[FakeRecord]] = {}
        left = max_records if max_records is not None else 1 << 62  # in all partitions
        for tp, position in self.positions.items():
            if tp in self.paused or left <= 0:
                continue
            take = min(c.max_poll_records, left)  # up to max_poll_records a partition
            records = c.logs.get(tp, [])[position : position + take]
            left -= len(records)
            if records:
                out[tp] = list(records)
                self.positions[tp] = position + len(records)
        return out

    def seek(self, partition: TopicPartition, offset: int) -> None:
        self.seeks.append((partition, offset))
        self.positions[partition] = offset

    def seek_to_beginning(self, *partitions: TopicPartition) -> None:
        for tp in partitions:
            self.seek(tp, 0)

    def committed(self, partition: TopicPartition, timeout_ms: int | None = None) -> int | None:
        return self._clients.committed.get(partition)

    def pause(self, *partitions: TopicPartition) -> None:
        self.paused |= set(partitions)

    def resume(self, *partitions: TopicPartition) -> None:
        self.paused -= set(partitions)

    def commit(self, offsets: Offsets) -> None:
        self._clients.maybe_fail("consumer_commit")
        self._clients.commit_offsets({tp: o.offset for tp, o in offsets.items()})

    def group_metadata(self) -> object:
        return "group-metadata"

    def close(self, autocommit: bool = True, timeout_ms: int | None = None) -> None:
        self.closed = True

    # -- what the group coordinator would do ----------------------------------------------

    def assign(self, *partitions: int) -> None:
        tps = [TopicPartition(INPUT, p) for p in partitions]
        for tp in tps:
            self.positions.setdefault(tp, 0)
        self.listener.on_assigned(tps)

    def revoke(self, *partitions: int) -> None:
        tps = [TopicPartition(INPUT, p) for p in partitions]
        for tp in tps:
            self.positions.pop(tp, None)
        self.listener.on_revoked(tps)


class FakeLagReader:
    def __init__(self, clients: FakeClients) -> None:
        self._clients = clients
        self.closed = False
        #: The timeout_ms of every read (a read without one can block the thread for ever).
        self.timeouts: list[int | None] = []

    def end_offsets(
        self, partitions: Sequence[TopicPartition], timeout_ms: int | None = None
    ) -> Mapping[TopicPartition, int]:
        self.timeouts.append(timeout_ms)
        return {tp: len(self._clients.logs.get(tp, [])) for tp in partitions}

    def committed(self, partition: TopicPartition, timeout_ms: int | None = None) -> int | None:
        self.timeouts.append(timeout_ms)
        return self._clients.committed.get(partition)

    def beginning_offsets(
        self, partitions: Sequence[TopicPartition], timeout_ms: int | None = None
    ) -> Mapping[TopicPartition, int]:
        self.timeouts.append(timeout_ms)
        return dict.fromkeys(partitions, 0)

    def close(self) -> None:
        self.closed = True


class FakeClients:
    """The :class:`worker.kafka.protocols.Clients` of the unit tests."""

    def __init__(self, logs: dict[int, list[bytes | None]] | None = None) -> None:
        self.logs: dict[TopicPartition, list[FakeRecord]] = {}
        for partition, values in (logs or {}).items():
            tp = TopicPartition(INPUT, partition)
            self.logs[tp] = [FakeRecord(INPUT, partition, i, v) for i, v in enumerate(values)]
        self.max_poll_records = 500
        self.producers: list[FakeProducer] = []
        self.consumer_: FakeConsumer | None = None
        self.committed: dict[TopicPartition, int] = {}
        self.written: list[Sent] = []  # visible to read_committed consumers
        self.transactions: list[list[Sent]] = []  # each committed transaction's records
        self.calls: list[str] = []
        self.polls = 0
        self.max_records_asked: list[int | None] = []
        self.before_poll: Callable[[], None] | None = None
        self.lag_readers: list[FakeLagReader] = []
        #: Per topic, errors the next sends to it fail with (one each, in order).
        self.refusals: dict[str, list[BaseException]] = {}
        self._failures: dict[str, list[BaseException]] = {}
        self._hooks: dict[str, Callable[[], None]] = {}

    def fail(self, operation: str, *errors: BaseException) -> None:
        """The next calls of ``operation`` raise ``errors``, one each, in order."""
        self._failures.setdefault(operation, []).extend(errors)

    def on(self, operation: str, hook: Callable[[], None]) -> None:
        """Run ``hook`` once, at the next call of ``operation``."""
        self._hooks[operation] = hook

    def maybe_fail(self, operation: str) -> None:
        self.calls.append(operation)
        hook = self._hooks.pop(operation, None)
        if hook is not None:
            hook()
        pending = self._failures.get(operation)
        if pending:
            raise pending.pop(0)

    def commit_offsets(self, offsets: Mapping[TopicPartition, int]) -> None:
        self.committed.update(offsets)

    @property
    def consumer_or_fail(self) -> FakeConsumer:
        assert self.consumer_ is not None
        return self.consumer_

    # -- the Clients protocol -------------------------------------------------------------

    def wait_for_brokers(
        self,
        *,
        should_stop: Callable[[], bool],
        sleep: Callable[[float], object],
        progress: Callable[[], object],
    ) -> bool:
        progress()
        return not should_stop()

    def producer(self) -> FakeProducer:
        self.maybe_fail("producer")
        producer = FakeProducer(self)
        self.producers.append(producer)
        return producer

    def consumer(self, listener: Listener) -> FakeConsumer:
        self.consumer_ = FakeConsumer(self, listener)
        return self.consumer_

    def lag_reader(self) -> FakeLagReader:
        reader = FakeLagReader(self)
        self.lag_readers.append(reader)
        return reader

    def check_copartitioned(self, consumer: Any) -> None:
        self.calls.append("check_copartitioned")

    def restore(
        self,
        partitions: Sequence[int],
        *,
        should_stop: Callable[[], bool],
        progress: Callable[[], object],
    ) -> dict[int, dict[str, Any]] | None:
        self.calls.append("restore")
        return {p: {} for p in partitions}

    def send_offsets(
        self, producer: FakeProducer, offsets: Offsets, group: object, timeout_s: float
    ) -> None:
        self.maybe_fail("send_offsets")
        assert producer.in_transaction
        producer.offsets = {tp: o.offset for tp, o in offsets.items()}

    def commit(self, producer: FakeProducer, timeout_s: float) -> None:
        self.maybe_fail("commit")
        assert producer in self.producers and not producer.closed
        self.transactions.append(producer.open)
        self.written.extend(producer.open)
        self.commit_offsets(producer.offsets)
        producer.open, producer.offsets, producer.in_transaction = [], {}, False

    def abort(self, producer: FakeProducer, timeout_s: float) -> None:
        self.maybe_fail("abort")
        producer.open, producer.offsets, producer.in_transaction = [], {}, False

    def last_transaction_error(self, producer: FakeProducer) -> BaseException | None:
        return producer.last_error

    def discard(self, producer: FakeProducer) -> None:
        self.calls.append("discard")
        producer.closed = True

    def leave_group(self, consumer: Any, timeout_ms: int) -> None:
        self.calls.append("leave_group")


def offsets(**by_partition: int) -> dict[TopicPartition, OffsetAndMetadata]:
    return {
        TopicPartition(INPUT, int(p[1:])): OffsetAndMetadata(o, "", -1)
        for p, o in by_partition.items()
    }

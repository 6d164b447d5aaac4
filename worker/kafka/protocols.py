"""The client surface the service loop uses, as Protocols: kafka-python's clients satisfy
them (through :class:`worker.kafka.clients.KafkaClients`), and so do the unit tests' fakes.

``TopicPartition`` and ``OffsetAndMetadata`` are kafka-python's named tuples; fakes use the
same ones (they are plain value types, no network).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from worker.core.types import History
from worker.kafka._client import OffsetAndMetadata, TopicPartition
from worker.kafka.records import ConsumedRecord, Headers

__all__ = ["Clients", "Consumer", "LagReader", "Listener", "Offsets", "Producer", "SendFuture"]

#: The offsets a batch commits: the next offset to read, per partition.
Offsets = Mapping[TopicPartition, OffsetAndMetadata]


class SendFuture(Protocol):
    """What ``Producer.send`` returns (kafka-python's ``FutureRecordMetadata``)."""

    @property
    def is_done(self) -> bool: ...

    @property
    def exception(self) -> BaseException | None: ...

    def failed(self) -> bool: ...


class Producer(Protocol):
    def send(
        self,
        topic: str,
        *,
        key: bytes | None,
        value: bytes | None,
        headers: Headers,
        partition: int | None,
    ) -> SendFuture: ...

    def flush(self, timeout: float | None = None) -> None: ...

    def begin_transaction(self) -> None: ...

    def close(self, timeout: float | None = None) -> None: ...


class Consumer(Protocol):
    def poll(
        self, timeout_ms: int = 0, max_records: int | None = None
    ) -> Mapping[TopicPartition, Sequence[ConsumedRecord]]: ...

    def seek(self, partition: TopicPartition, offset: int) -> None: ...

    def seek_to_beginning(self, *partitions: TopicPartition) -> None: ...

    def committed(self, partition: TopicPartition, timeout_ms: int | None = None) -> int | None: ...

    def pause(self, *partitions: TopicPartition) -> None: ...

    def resume(self, *partitions: TopicPartition) -> None: ...

    def commit(self, offsets: Offsets) -> None: ...

    def group_metadata(self) -> object: ...

    def close(self, autocommit: bool = True, timeout_ms: int | None = None) -> None: ...


class Listener(Protocol):
    """Rebalance callbacks (called by the consumer inside ``poll``)."""

    def on_assigned(self, partitions: Sequence[TopicPartition]) -> None: ...

    def on_revoked(self, partitions: Sequence[TopicPartition]) -> None: ...


class LagReader(Protocol):
    def end_offsets(
        self, partitions: Sequence[TopicPartition], timeout_ms: int | None = None
    ) -> Mapping[TopicPartition, int]: ...

    def committed(self, partition: TopicPartition, timeout_ms: int | None = None) -> int | None: ...

    def beginning_offsets(
        self, partitions: Sequence[TopicPartition], timeout_ms: int | None = None
    ) -> Mapping[TopicPartition, int]: ...

    def close(self) -> None: ...


class Clients(Protocol):
    """Makes the clients and runs the calls that reach into kafka-python's internals (bounded
    transactional calls, leaving a static group): the one seam between the loop and Kafka."""

    def wait_for_brokers(
        self,
        *,
        should_stop: Callable[[], bool],
        sleep: Callable[[float], object],
        progress: Callable[[], object],
    ) -> bool: ...

    def producer(self) -> Producer: ...

    def consumer(self, listener: Listener) -> Consumer: ...

    def lag_reader(self) -> LagReader: ...

    def check_copartitioned(self, consumer: Consumer) -> None: ...

    def restore(
        self,
        partitions: Sequence[int],
        *,
        should_stop: Callable[[], bool],
        progress: Callable[[], object],
    ) -> dict[int, dict[str, History]] | None: ...

    def send_offsets(
        self, producer: Producer, offsets: Offsets, group: object, timeout_s: float
    ) -> None: ...

    def commit(self, producer: Producer, timeout_s: float) -> None: ...

    def abort(self, producer: Producer, timeout_s: float) -> None: ...

    def last_transaction_error(self, producer: Producer) -> BaseException | None: ...

    def discard(self, producer: Producer) -> None: ...

    def leave_group(self, consumer: Consumer, timeout_ms: int) -> None: ...

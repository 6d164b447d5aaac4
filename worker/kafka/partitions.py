"""Which input partitions this worker holds, and getting new ones ready to read.

The model is quix-streams' ``RecoveryManager``. A newly assigned partition is paused until
its position is set from the group's committed offset and (with the changelog store) its
customer histories are restored; both happen in the loop (:meth:`Partitions.prepare`),
never in the rebalance callback, so a long restore does not hold up the group protocol.
A revoked partition's histories and lag series are dropped at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence

from worker.history import CustomerHistories
from worker.kafka._client import TopicPartition
from worker.kafka.protocols import Clients, Consumer
from worker.kafka.records import ConsumedRecord
from worker.metrics import Metrics

__all__ = ["Partitions", "interleave"]

#: The loop's logger, as before these parts moved out of worker/service.py (log queries
#: filter on it).
logger = logging.getLogger("worker.service")


def _by_partition(tps: set[TopicPartition]) -> list[TopicPartition]:
    return sorted(tps, key=lambda tp: tp.partition)


class Partitions:
    """Assigned, unpositioned and restoring partitions; readiness follows them."""

    def __init__(
        self,
        clients: Clients,
        history: CustomerHistories,
        metrics: Metrics,
        *,
        durable: bool,
        request_timeout_ms: int,
        should_stop: Callable[[], bool],
        progress: Callable[[], object],
        set_ready: Callable[[bool, str], None],
    ) -> None:
        self._clients, self._history, self._metrics = clients, history, metrics
        self._durable, self._request_timeout_ms = durable, request_timeout_ms
        # Callbacks into the service: its stop flag, its liveness tick and its readiness.
        self._should_stop, self._progress, self._set_ready = should_stop, progress, set_ready
        #: Held while the assigned set changes and while the lag reader sets a series, so a
        #: revoked partition's lag series, once removed, is never set again.
        self.lock = threading.Lock()
        self.assigned: set[TopicPartition] = set()
        self._unpositioned: set[TopicPartition] = set()
        self._restoring: set[TopicPartition] = set()

    def owns(self, tp: TopicPartition) -> bool:
        return tp in self.assigned

    def snapshot(self) -> list[TopicPartition]:
        with self.lock:
            return list(self.assigned)

    @property
    def pending(self) -> bool:
        """Some assigned partitions still wait to be positioned or restored."""
        return bool(self._unpositioned or self._restoring)

    def on_assigned(self, consumer: Consumer, partitions: Sequence[TopicPartition]) -> None:
        """Pause the new partitions until :meth:`prepare` has positioned (and restored) them."""
        self._metrics.record_rebalance()
        new = {tp for tp in partitions if tp not in self.assigned}
        with self.lock:
            self.assigned |= set(partitions)
        if new:
            consumer.pause(*new)
            self._unpositioned |= new
            if self._durable:
                self._restoring |= new
        self._metrics.set_assigned(len(self.assigned))
        logger.info(
            "partitions assigned",
            extra={"fields": {"partitions": sorted(p.partition for p in partitions)}},
        )
        self.update_readiness()

    def on_revoked(self, partitions: Sequence[TopicPartition]) -> None:
        with self.lock:
            for tp in partitions:
                self.assigned.discard(tp)
                self._restoring.discard(tp)
                self._unpositioned.discard(tp)
                self._metrics.remove_partition(tp.partition)
        self._history.drop(tp.partition for tp in partitions)
        self._metrics.set_assigned(len(self.assigned))
        logger.info(
            "partitions revoked",
            extra={"fields": {"partitions": sorted(p.partition for p in partitions)}},
        )
        self.update_readiness()

    def prepare(self, consumer: Consumer) -> None:
        """Position newly assigned partitions, restore their state, then resume them."""
        ready = _by_partition(self._unpositioned | self._restoring)
        for tp in _by_partition(self._unpositioned):
            # Explicitly from the broker: kafka-python keeps a partition's old position across
            # some rebalances, which can be past what the group committed.
            committed = consumer.committed(tp, timeout_ms=self._request_timeout_ms)
            if committed is None:
                consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)
        self._unpositioned.clear()
        if self._restoring and not self._restore():
            return  # shutting down: the partitions stay paused
        consumer.resume(*ready)
        self.update_readiness()

    def _restore(self) -> bool:
        """Restore the state of the partitions waiting for it; False if stopped meanwhile."""
        pending = [tp.partition for tp in _by_partition(self._restoring)]
        started = time.perf_counter()
        logger.info("restoring state", extra={"fields": {"partitions": pending}})
        restored = self._clients.restore(
            pending, should_stop=self._should_stop, progress=self._progress
        )
        if restored is None:
            logger.info("state restore interrupted by shutdown")
            return False
        for partition, histories in restored.items():
            self._history.load(partition, histories)
        self._restoring.clear()
        logger.info(
            "state restored",
            extra={
                "fields": {
                    "partitions": pending,
                    "customers": sum(len(h) for h in restored.values()),
                    "seconds": round(time.perf_counter() - started, 3),
                }
            },
        )
        return True

    def rewind(self, consumer: Consumer, records: Sequence[ConsumedRecord]) -> None:
        """Seek every still-assigned partition of ``records`` back to its first one (a failed
        batch, or the part of a batch its time budget left out)."""
        first: dict[TopicPartition, int] = {}
        for r in records:
            tp = TopicPartition(r.topic, r.partition)
            first[tp] = min(first.get(tp, r.offset), r.offset)
        for tp, offset in first.items():
            if tp in self.assigned:
                consumer.seek(tp, offset)

    def update_readiness(self) -> None:
        if self._restoring:
            self._set_ready(False, "restoring state")
        else:
            self._set_ready(bool(self.assigned), "no partitions assigned")


def interleave(batches: Iterable[Sequence[ConsumedRecord]]) -> list[ConsumedRecord]:
    """The polled records, partitions taken in turn (each partition's own order kept), so a
    batch cut short by its time budget has made progress on every partition."""
    queues = [list(batch) for batch in batches if batch]
    if len(queues) == 1:
        return queues[0]
    out: list[ConsumedRecord] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out

"""Writing one batch: its records, dead letters and input offsets, committed together.

:class:`Transaction` is the model of quix-streams' ``Checkpoint``: with the exactly_once
guarantee it begins a transaction, sends, flushes and checks every send, adds the offsets
and commits; any failure aborts, and an abort that fails (or gets no answer within
``kafka.request_timeout_ms``) replaces the producer: the new one, with the same
transactional.id, fences the old one and has its open transaction aborted. With
at_least_once it sends, flushes, checks and commits the offsets on the consumer.

:class:`Refusals` keeps what the broker refused, per input record, across retries: a record
too large for its topic is dead-lettered on the retry (without its value if the refused
record was already its dead letter); a dead letter refused :data:`DEAD_LETTER_ATTEMPTS`
times in a row ends the process (:class:`~worker.errors.DeadLetterError`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from worker.batch import BatchResult, Source
from worker.core.routing import Route, classify
from worker.errors import DeadLetterError
from worker.kafka._client import OffsetAndMetadata, TopicPartition
from worker.kafka.protocols import Clients, Consumer, Offsets, Producer, SendFuture
from worker.kafka.records import ConsumedRecord
from worker.kafka.translate import is_refused_record, is_too_large, translate

__all__ = [
    "DEAD_LETTER_ATTEMPTS",
    "PartitionRevokedError",
    "Refusals",
    "Transaction",
    "next_offsets",
]

#: The loop's logger, as before these parts moved out of worker/service.py (log queries
#: filter on it).
logger = logging.getLogger("worker.service")

#: A dead letter the topic refuses this many times in a row (already without its value, or
#: for another reason than its size) ends the process: never an endless silent retry.
DEAD_LETTER_ATTEMPTS = 3


class PartitionRevokedError(Exception):
    """A partition of the batch was revoked before its offsets were committed: the batch is
    abandoned (aborted), and what is still assigned is read again."""


class Refusals:
    """Records the broker refused, per input record, remembered until the input commits."""

    def __init__(self, dead_letter_topic: str, on_dead_letter_failure: Callable[[], None]):
        self._dead_letter_topic = dead_letter_topic
        self._on_dead_letter_failure = on_dead_letter_failure
        #: Inputs whose records a topic refused as too large: retried as dead letters,
        #: without the value (True) when the refused record was the dead letter itself.
        self.too_large: dict[Source, bool] = {}
        self._dead_letter_failures: dict[Source, int] = {}

    def check(self, result: BatchResult, futures: Sequence[SendFuture]) -> None:
        """Raise the first failed send, after noting why (see the module docstring)."""
        first: BaseException | None = None
        for record, source, future in zip(result.records, result.sources, futures, strict=True):
            if not future.is_done or not future.failed():
                continue
            error = future.exception
            first = first or error
            if source is None or error is None:
                continue
            dead = record.topic == self._dead_letter_topic
            self._note(source, error, dead=dead, omitted=record.value is None)
        if first is not None:
            raise first

    def _note(self, source: Source, error: BaseException, *, dead: bool, omitted: bool) -> None:
        fields = {"partition": source[1], "offset": source[2], "error": str(translate(error))}
        if is_too_large(error) and not (dead and omitted):
            omit = self.too_large.get(source, False) or dead
            self.too_large[source] = omit
            logger.warning(
                "record too large for its topic, dead-lettering it"
                + (" without the value" if omit else ""),
                extra={"fields": fields},
            )
        elif dead and is_refused_record(error):
            self._on_dead_letter_failure()
            attempts = self._dead_letter_failures.get(source, 0) + 1
            self._dead_letter_failures[source] = attempts
            logger.error(
                "dead letter not written", extra={"fields": {**fields, "attempt": attempts}}
            )
            if attempts >= DEAD_LETTER_ATTEMPTS:
                raise DeadLetterError(
                    f"dead letter for {source[0]}/{source[1]}@{source[2]} refused "
                    f"{attempts} times: {fields['error']}"
                )

    def committed(self, result: BatchResult) -> None:
        """The batch committed: its inputs' refusals are settled."""
        for source in filter(None, result.sources):
            self.too_large.pop(source, None)
        self._dead_letter_failures.clear()


class Transaction:
    """Writes batches through one producer (created lazily, replaced when an abort fails)."""

    def __init__(
        self,
        clients: Clients,
        refusals: Refusals,
        *,
        transactional: bool,
        timeout_s: float,
    ) -> None:
        self._clients = clients
        self.refusals = refusals
        self._transactional = transactional
        self._timeout_s = timeout_s
        self._producer: Producer | None = None

    @property
    def producer(self) -> Producer:
        """The producer, created on first use (and after a failed abort dropped the last)."""
        if self._producer is None:
            self._producer = self._clients.producer()
        return self._producer

    @property
    def connected(self) -> bool:
        return self._producer is not None

    def write(
        self,
        consumer: Consumer,
        result: BatchResult,
        offsets: Offsets,
        owned: Callable[[TopicPartition], bool],
    ) -> float:
        """Write ``result`` and commit ``offsets``; returns when the commit started
        (``time.perf_counter()``). Raises :class:`PartitionRevokedError` when a partition
        of ``offsets`` is no longer ``owned`` when the offsets are due (nothing commits)."""
        producer = self.producer
        if not self._transactional:
            self._send_all(producer, result, timeout_s=None)
            _check_owned(offsets, owned)
            commit_started = time.perf_counter()
            consumer.commit(offsets)
            return commit_started
        producer.begin_transaction()
        try:
            # Every output acknowledged before the offsets join the transaction: a failed
            # send fails the batch, never a commit without it.
            self._send_all(producer, result, timeout_s=self._timeout_s)
            _check_owned(offsets, owned)
            self._clients.send_offsets(
                producer, offsets, consumer.group_metadata(), self._timeout_s
            )
            commit_started = time.perf_counter()
            self._clients.commit(producer, self._timeout_s)
        except Exception:
            self.abort()
            raise
        return commit_started

    def _send_all(self, producer: Producer, result: BatchResult, timeout_s: float | None) -> None:
        futures = [
            producer.send(
                r.topic, key=r.key, value=r.value, headers=r.headers, partition=r.partition
            )
            for r in result.records
        ]
        producer.flush(timeout=timeout_s)
        self.refusals.check(result, futures)

    def abort(self) -> None:
        """Abort the open transaction; if that fails, drop the producer for a new one.

        A fenced producer stays fatal: it surfaces as a plain KafkaError from the abort, its
        cause (the transaction manager's last error) is what is classified.
        """
        producer = self.producer
        try:
            self._clients.abort(producer, self._timeout_s)
        except Exception as exc:  # noqa: BLE001 - classified below
            causes = (self._clients.last_transaction_error(producer), exc)
            errors = [translate(c) for c in causes if c is not None]
            fatal = next((e for e in errors if classify(e) is Route.FATAL), None)
            if fatal is not None:
                raise fatal from None
            logger.warning(
                "could not abort the transaction, replacing the producer",
                extra={"fields": {"error": str(errors[-1])}},
            )
            self._producer = None
            try:
                self._clients.discard(producer)
            except Exception as close_exc:  # noqa: BLE001 - the producer is discarded anyway
                logger.warning("producer close failed", extra={"fields": {"error": str(close_exc)}})

    def close(self, timeout_s: float) -> None:
        if self._producer is None:
            return
        try:
            self._producer.close(timeout=timeout_s)
        except Exception as exc:  # noqa: BLE001
            logger.warning("producer close failed", extra={"fields": {"error": str(exc)}})


def _check_owned(offsets: Offsets, owned: Callable[[TopicPartition], bool]) -> None:
    revoked = sorted(tp.partition for tp in offsets if not owned(tp))
    if revoked:
        raise PartitionRevokedError(f"partitions {revoked} revoked during the batch")


def next_offsets(records: Sequence[ConsumedRecord]) -> dict[TopicPartition, OffsetAndMetadata]:
    """The offsets that commit ``records``: the next one to read, per partition."""
    last: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        last[tp] = max(last.get(tp, -1), r.offset)
    return {tp: OffsetAndMetadata(offset + 1, "", -1) for tp, offset in last.items()}

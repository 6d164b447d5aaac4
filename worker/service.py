"""The service loop: poll a batch -> triage -> write outputs, dead letters and offsets in one
transaction -> repeat, until SIGTERM/SIGINT.

Failure handling (see :mod:`worker.core.routing`):
- a record that cannot be triaged goes to the dead-letter topic in the same transaction;
- a transient broker error aborts the transaction, seeks back to the batch's first offsets
  and retries with backoff (0.5 s doubling to 30 s), logging one error line per attempt; a
  transactional call that gets no answer within ``kafka.request_timeout_ms``, or an abort
  that fails, replaces the producer (the new one, with the same transactional.id, fences the
  old one and has its open transaction aborted);
- a newly assigned partition is paused until its position is set from the group's committed
  offset (and, with the changelog store, its customer state is restored), so what the worker
  reads after any rebalance starts exactly where the last committed transaction ended;
- a fatal error (fenced, authentication, authorisation, or a dead letter the topic refused
  3 times in a row) raises out of :meth:`Service.run`; the CLI logs one line and exits 1 so
  Kubernetes restarts the pod.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from worker.batch import BatchResult, Source, build_batch
from worker.core.routing import Route, classify
from worker.errors import DeadLetterError
from worker.history import CustomerHistories
from worker.kafka import changelog, clients
from worker.kafka._client import (
    ConsumerRebalanceListener,
    KafkaConsumer,
    KafkaProducer,
    OffsetAndMetadata,
    TopicPartition,
)
from worker.kafka.records import ConsumedRecord
from worker.kafka.translate import is_refused_record, is_too_large, translate
from worker.metrics import Metrics
from worker.pipeline import Pipeline
from worker.settings import WorkerSettings

__all__ = ["Service"]

logger = logging.getLogger(__name__)

_LAG_INTERVAL_S = 5.0
#: Longest a side task (the lag read) may hold up the loop: it is best effort, and a broker
#: that has just restarted can take request_timeout_ms (30 s) to answer.
_SIDE_TASK_TIMEOUT_MS = 2_000
_MAX_BACKOFF_S = 30.0
#: Share of ``max.poll.interval.ms`` a batch may spend triaging before the rest of the polled
#: records are deferred to the next poll; the remainder covers the transaction commit.
_BATCH_TIME_SHARE = 0.5
#: A dead letter the topic refuses this many times in a row (already without its value, or
#: for another reason than its size) ends the process: never an endless silent retry.
_DEAD_LETTER_ATTEMPTS = 3


class Service:
    """One worker instance. Build it, call :meth:`run`; :meth:`request_stop` ends it."""

    def __init__(
        self,
        settings: WorkerSettings,
        pipeline: Pipeline,
        metrics: Metrics,
        *,
        health: Any = None,
    ) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.metrics = metrics
        self.health = health
        self.history = CustomerHistories(pipeline.engine.config.triage.relationship.window)
        self._stop = threading.Event()
        self._stop_deadline: float | None = None
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None
        self._assigned: set[TopicPartition] = set()
        self._restoring: set[TopicPartition] = set()
        # Newly assigned partitions, paused until seeked to their committed offsets.
        self._unpositioned: set[TopicPartition] = set()
        # Inputs whose records a topic refused as too large: retried as dead letters, without
        # the value (True) when the refused record was the dead letter itself. And, per input,
        # how often its dead letter could not be written.
        self._too_large: dict[Source, bool] = {}
        self._dead_letter_failures: dict[Source, int] = {}
        self._last_lag = 0.0
        self._transactional = settings.processing.guarantee == "exactly_once"
        self._txn_timeout_s = settings.kafka.request_timeout_ms / 1000
        self._durable_state = settings.processing.state_store == "changelog"

    # -- lifecycle -----------------------------------------------------------------------

    def request_stop(self, *_: object) -> None:
        """Ask the loop to finish the current batch, commit and exit (signal-handler safe)."""
        if not self._stop.is_set():
            self._stop_deadline = time.monotonic() + self.settings.processing.shutdown_timeout_s
            self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _clients(self) -> tuple[KafkaConsumer, KafkaProducer]:
        """The connected clients; only called once :meth:`run` has created them."""
        if self._producer is None:
            raise RuntimeError("the Kafka producer is not connected yet")
        return self._require_consumer(), self._producer

    def _require_consumer(self) -> KafkaConsumer:
        """The consumer (which, unlike the producer, is never replaced while running)."""
        if self._consumer is None:
            raise RuntimeError("the Kafka consumer is not connected yet")
        return self._consumer

    def run(self) -> None:
        """Connect, process until asked to stop, then leave the group and close cleanly."""
        self._set_ready(False, "connecting to Kafka")
        if not clients.wait_for_brokers(
            self.settings, should_stop=self._stop.is_set, sleep=self._wait, progress=self._tick
        ):
            logger.info("worker stopped")
            return
        try:
            self._producer = clients.producer(self.settings)
            self._consumer = clients.consumer(self.settings, _Listener(self))
            if self._durable_state:
                changelog.check_copartitioned(self.settings, self._consumer)
        except Exception as exc:  # noqa: BLE001 - translated and re-raised
            self._close()
            raise translate(exc) from None
        self._set_ready(False, "waiting for partitions")
        logger.info(
            "worker started",
            extra={
                "fields": {
                    "guarantee": self.settings.processing.guarantee,
                    "input": self.settings.topics.input,
                    "group": self.settings.kafka.group_id,
                    "triage_version": self.pipeline.engine.version,
                }
            },
        )
        try:
            self._loop()
        finally:
            self._close()

    def _loop(self) -> None:
        consumer = self._require_consumer()
        backoff = 0.5
        timeout_ms = self.settings.processing.batch_max_ms
        while not self._stop.is_set():
            self._tick()
            try:
                if self._producer is None:
                    self._producer = clients.producer(self.settings)
                if self._unpositioned or self._restoring:
                    self._prepare_assigned()
                polled_at = time.monotonic()
                polled = consumer.poll(timeout_ms=timeout_ms)
            except Exception as exc:  # noqa: BLE001
                self._handle(exc, attempt_backoff=backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF_S)
                continue
            records = _interleave(polled.values())
            if records:
                try:
                    self._process(records, polled_at)
                    backoff = 0.5
                except Exception as exc:  # noqa: BLE001
                    self._rewind(records)
                    self._handle(exc, attempt_backoff=backoff)
                    backoff = min(backoff * 2, _MAX_BACKOFF_S)
                    continue
            self._update_lag()

    def _handle(self, exc: BaseException, *, attempt_backoff: float) -> None:
        error = translate(exc)
        if classify(error) is Route.FATAL:
            raise error from None
        logger.error(
            "batch failed, retrying",
            extra={"fields": {"error": str(error), "retry_in_s": attempt_backoff}},
        )
        self._stop.wait(attempt_backoff)

    # -- one batch -----------------------------------------------------------------------

    def _process(self, records: Sequence[ConsumedRecord], polled_at: float) -> None:
        consumer, producer = self._clients()
        started = time.perf_counter()
        # The budget counts from the poll: max.poll.interval.ms runs from one poll to the next.
        # The latency budget keeps each transaction short, so outputs become visible soon.
        poll_share_s = self.settings.kafka.max_poll_interval_ms / 1000 * _BATCH_TIME_SHARE
        budget_s = min(poll_share_s, self.settings.processing.batch_budget_ms / 1000)
        result = build_batch(
            records,
            self.pipeline,
            self.history,
            self.settings.topics,
            changelog=self._durable_state,
            deadline=polled_at + budget_s,
            max_bytes=self.settings.kafka.max_request_size,
            too_large=dict(self._too_large),
        )
        deferred = records[result.consumed :]
        records = records[: result.consumed]
        offsets = _next_offsets(records)
        if self._transactional:
            timeout_s = self._txn_timeout_s
            producer.begin_transaction()
            try:
                futures = _send(producer, result)
                # Every output acknowledged before the offsets join the transaction: a failed
                # send fails the batch, never a commit without it.
                producer.flush(timeout=timeout_s)
                self._check_sent(result, futures)
                clients.send_offsets_to_transaction(
                    producer, offsets, consumer.group_metadata(), timeout_s
                )
                commit_started = time.perf_counter()
                clients.commit_transaction(producer, timeout_s)
            except Exception:
                self._abort()
                raise
        else:
            futures = _send(producer, result)
            producer.flush()
            self._check_sent(result, futures)
            commit_started = time.perf_counter()
            consumer.commit(offsets)
        committed = time.perf_counter()
        for source in filter(None, result.sources):
            self._too_large.pop(source, None)
        self._dead_letter_failures.clear()
        for overlay in result.overlays.values():
            overlay.apply()
        if deferred:
            # Out of time: the rest is read again by the next poll (which also keeps this
            # member in the group). Seeking, not holding them with their partitions paused:
            # with a cut in nearly every batch under load, that lost records (see "Time
            # budget per batch" in docs/reliability.md).
            self._rewind(deferred)
            # Routine under load with the latency budget; a warning when max.poll.interval.ms
            # is what ran out (the records are slow to triage).
            logger.log(
                logging.WARNING if budget_s >= poll_share_s else logging.DEBUG,
                "batch cut short by its time budget",
                extra={
                    "fields": {
                        "processed": len(records),
                        "deferred": len(deferred),
                        "budget_s": round(budget_s, 1),
                    }
                },
            )
        try:
            self._observe(result, len(records), committed - started, committed - commit_started)
        except Exception:
            logger.exception("could not record batch metrics")

    def _check_sent(self, result: BatchResult, futures: Sequence[Any]) -> None:
        """Raise the first failed send, after noting why: an input whose record a topic
        refused as too large is dead-lettered on the retry (without its value if the refused
        record was already its dead letter); a dead letter refused without its value counts
        towards :data:`_DEAD_LETTER_ATTEMPTS`."""
        first: BaseException | None = None
        for record, source, future in zip(result.records, result.sources, futures, strict=True):
            if not future.is_done or not future.failed():
                continue
            error = future.exception
            first = first or error
            if source is None:
                continue
            fields = {"partition": source[1], "offset": source[2], "error": str(translate(error))}
            dead = record.topic == self.settings.topics.dead_letter
            if is_too_large(error) and not (dead and record.value is None):
                omit = self._too_large.get(source, False) or dead
                self._too_large[source] = omit
                logger.warning(
                    "record too large for its topic, dead-lettering it"
                    + (" without the value" if omit else ""),
                    extra={"fields": fields},
                )
            elif dead and is_refused_record(error):
                self.metrics.record_dead_letter_failure()
                attempts = self._dead_letter_failures.get(source, 0) + 1
                self._dead_letter_failures[source] = attempts
                logger.error(
                    "dead letter not written",
                    extra={"fields": {**fields, "attempt": attempts}},
                )
                if attempts >= _DEAD_LETTER_ATTEMPTS:
                    raise DeadLetterError(
                        f"dead letter for {source[0]}/{source[1]}@{source[2]} refused "
                        f"{attempts} times: {fields['error']}"
                    )
        if first is not None:
            raise first

    def _abort(self) -> None:
        """Abort the open transaction; if that fails, drop the producer for a new one.

        A new producer with the same transactional.id fences this one and has the coordinator
        abort its open transaction before it starts (``init_transactions``), so nothing of the
        failed batch can commit later. A fenced producer stays fatal.
        """
        _, producer = self._clients()
        try:
            clients.abort_transaction(producer, self._txn_timeout_s)
        except Exception as exc:  # noqa: BLE001 - classified below
            # A fenced producer surfaces as a plain KafkaError here; its cause is fatal.
            causes = (clients.last_transaction_error(producer), exc)
            errors = [translate(c) for c in causes if c is not None]
            fatal = next((e for e in errors if classify(e) is Route.FATAL), None)
            if fatal is not None:
                raise fatal from None
            error = errors[-1]  # the abort's own error
            logger.warning(
                "could not abort the transaction, replacing the producer",
                extra={"fields": {"error": str(error)}},
            )
            self._producer = None
            try:
                clients.discard_producer(producer)
            except Exception as close_exc:  # noqa: BLE001 - the producer is discarded anyway
                logger.warning("producer close failed", extra={"fields": {"error": str(close_exc)}})

    def _rewind(self, records: Sequence[ConsumedRecord]) -> None:
        """Seek every partition of ``records`` back to its first one (a failed batch, or the
        part of a batch its time budget left out)."""
        consumer = self._require_consumer()
        first: dict[TopicPartition, int] = {}
        for r in records:
            tp = TopicPartition(r.topic, r.partition)
            first[tp] = min(first.get(tp, r.offset), r.offset)
        for tp, offset in first.items():
            if tp in self._assigned:
                consumer.seek(tp, offset)

    def _observe(self, result: BatchResult, n: int, seconds: float, commit_s: float) -> None:
        m = self.metrics
        m.record_consumed(n)
        for sample in result.triaged:
            m.record_triage(sample)
        for _ in range(result.skipped):
            m.record_outcome("skipped")
        for reason in result.dead_letters:
            m.record_dead_letter(reason)
        for _ in range(result.mis_keyed):
            m.record_mis_keyed()
        for s in result.message_seconds:
            m.observe_message_seconds(s)
        m.observe_batch(n, seconds)
        m.observe_commit(commit_s, time.time())
        logger.info(
            "batch committed",
            extra={
                "fields": {
                    "records": n,
                    "triaged": len(result.triaged),
                    "skipped": result.skipped,
                    "dead_lettered": len(result.dead_letters),
                    "escalations": result.escalations,
                    "mis_keyed": result.mis_keyed,
                    "forgotten": result.forgotten,
                    "evicted": result.evicted,
                    "duration_ms": round(seconds * 1000, 1),
                    "commit_ms": round(commit_s * 1000, 1),
                }
            },
        )

    # -- partitions, lag, health ---------------------------------------------------------

    def on_assigned(self, partitions: Sequence[TopicPartition]) -> None:
        """Pause new partitions until they are positioned and their state is restored
        (outside the callback, in the loop: a long restore must not block the group
        protocol)."""
        consumer = self._require_consumer()
        self.metrics.record_rebalance()
        new = [tp for tp in partitions if tp not in self._assigned]
        self._assigned |= set(partitions)
        if new:
            consumer.pause(*new)
            self._unpositioned |= set(new)
            if self._durable_state:
                self._restoring |= set(new)
        self.metrics.set_assigned(len(self._assigned))
        logger.info(
            "partitions assigned",
            extra={"fields": {"partitions": sorted(p.partition for p in partitions)}},
        )
        self._update_readiness()

    def _prepare_assigned(self) -> None:
        """Position newly assigned partitions, restore their state, then resume them."""
        consumer = self._require_consumer()
        ready = sorted(self._unpositioned | self._restoring, key=lambda tp: tp.partition)
        for tp in sorted(self._unpositioned, key=lambda tp: tp.partition):
            # Explicitly from the broker: kafka-python keeps a partition's old position across
            # some rebalances, which can be past what the group committed.
            committed = consumer.committed(tp, timeout_ms=self.settings.kafka.request_timeout_ms)
            if committed is None:
                consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)
        self._unpositioned.clear()
        if self._restoring and not self._restore_pending():
            return  # shutting down: the partitions stay paused
        consumer.resume(*ready)
        self._update_readiness()

    def _restore_pending(self) -> bool:
        """Restore the state of the partitions waiting for it; False if stopped meanwhile."""
        pending = sorted(self._restoring, key=lambda tp: tp.partition)
        started = time.perf_counter()
        logger.info(
            "restoring state", extra={"fields": {"partitions": [tp.partition for tp in pending]}}
        )
        restored = changelog.restore(
            self.settings,
            [tp.partition for tp in pending],
            should_stop=self._stop.is_set,
            progress=self._tick,
        )
        if restored is None:
            logger.info("state restore interrupted by shutdown")
            return False
        for partition, histories in restored.items():
            self.history.load(partition, histories)
        self._restoring.clear()
        logger.info(
            "state restored",
            extra={
                "fields": {
                    "partitions": [tp.partition for tp in pending],
                    "customers": sum(len(h) for h in restored.values()),
                    "seconds": round(time.perf_counter() - started, 3),
                }
            },
        )
        return True

    def _update_readiness(self) -> None:
        if self._restoring:
            self._set_ready(False, "restoring state")
        else:
            self._set_ready(bool(self._assigned), "no partitions assigned")

    def on_revoked(self, partitions: Sequence[TopicPartition]) -> None:
        for tp in partitions:
            self._assigned.discard(tp)
            self._restoring.discard(tp)
            self._unpositioned.discard(tp)
            self.metrics.remove_partition(tp.partition)
        self.history.drop(tp.partition for tp in partitions)
        self.metrics.set_assigned(len(self._assigned))
        logger.info(
            "partitions revoked",
            extra={"fields": {"partitions": sorted(p.partition for p in partitions)}},
        )
        self._update_readiness()

    def _update_lag(self) -> None:
        now = time.monotonic()
        if now - self._last_lag < _LAG_INTERVAL_S or not self._assigned:
            return
        self._last_lag = now
        consumer = self._require_consumer()
        try:
            assigned = list(self._assigned)
            ends = consumer.end_offsets(assigned, timeout_ms=_SIDE_TASK_TIMEOUT_MS)
            for tp in assigned:
                position = consumer.position(tp, timeout_ms=_SIDE_TASK_TIMEOUT_MS)
                if position is not None and tp in ends:
                    self.metrics.set_lag(tp.partition, max(0, ends[tp] - position))
        except Exception as exc:  # noqa: BLE001 - lag is best effort
            logger.warning("could not read consumer lag", extra={"fields": {"error": str(exc)}})

    def _wait(self, seconds: float) -> None:
        """Sleep unless asked to stop, ticking the liveness clock (waiting is progress)."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
            self._tick()
            self._stop.wait(min(left, 1.0))

    def _tick(self) -> None:
        if self.health is not None:
            self.health.tick()

    def _set_ready(self, ready: bool, reason: str) -> None:
        self.metrics.set_ready(ready)
        if self.health is not None:
            self.health.set_ready(ready, "ready" if ready else reason)

    def _close(self) -> None:
        self._set_ready(False, "shutting down")
        remaining = self._remaining()
        if self._consumer is not None:
            try:
                # A quarter of the time left each to leave the group and to close the
                # consumer; the producer gets the rest.
                timeout_ms = max(
                    100, int(min(self.settings.kafka.request_timeout_ms, remaining * 250))
                )
                clients.leave_group(self._consumer, timeout_ms)
                self._consumer.close(autocommit=False, timeout_ms=timeout_ms)
            except Exception as exc:  # noqa: BLE001
                logger.warning("consumer close failed", extra={"fields": {"error": str(exc)}})
        if self._producer is not None:
            try:
                self._producer.close(timeout=max(1.0, self._remaining()))
            except Exception as exc:  # noqa: BLE001
                logger.warning("producer close failed", extra={"fields": {"error": str(exc)}})
        logger.info("worker stopped")

    def _remaining(self) -> float:
        if self._stop_deadline is None:
            return self.settings.processing.shutdown_timeout_s
        return max(0.0, self._stop_deadline - time.monotonic())


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, service: Service) -> None:
        self._service = service

    def on_partitions_revoked(self, revoked: Sequence[TopicPartition]) -> None:
        self._service.on_revoked(revoked)

    def on_partitions_assigned(self, assigned: Sequence[TopicPartition]) -> None:
        self._service.on_assigned(assigned)


def _send(producer: KafkaProducer, result: BatchResult) -> list[Any]:
    return [
        producer.send(r.topic, key=r.key, value=r.value, headers=r.headers, partition=r.partition)
        for r in result.records
    ]


def _interleave(batches: Iterable[Sequence[ConsumedRecord]]) -> list[ConsumedRecord]:
    """The polled records, partitions taken in turn (each partition's own order kept), so a
    batch cut short by its time budget has made progress on every partition."""
    queues = [list(batch) for batch in batches if batch]
    if len(queues) == 1:
        return queues[0]
    out: list[ConsumedRecord] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


def _next_offsets(records: Sequence[ConsumedRecord]) -> dict[TopicPartition, OffsetAndMetadata]:
    last: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        last[tp] = max(last.get(tp, -1), r.offset)
    return {tp: OffsetAndMetadata(offset + 1, "", -1) for tp, offset in last.items()}

"""The service loop: poll a batch -> triage -> write outputs, dead letters and offsets in one
transaction -> repeat, until SIGTERM/SIGINT.

Failure handling (see :mod:`worker.core.routing`):
- a record that cannot be triaged goes to the dead-letter topic in the same transaction;
- a transient broker error aborts the transaction, seeks back to the batch's first offsets
  and retries with backoff (0.5 s doubling to 30 s), logging one error line per attempt
  (:mod:`worker.kafka.transaction` aborts, and replaces the producer when that fails);
- a newly assigned partition is paused until its position is set from the group's committed
  offset and its state restored (:mod:`worker.kafka.partitions`); a partition revoked
  before its batch committed has that batch abandoned: the rest is read again;
- a fatal error (fenced, authentication, authorisation, or a dead letter the topic refused
  3 times in a row) raises out of :meth:`Service.run`; the CLI logs one line and exits 1.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Sequence

from worker.batch import build_batch
from worker.core.routing import Route, classify
from worker.history import CustomerHistories
from worker.http import Health, Probes
from worker.kafka._client import TopicPartition
from worker.kafka.lag import LagThread
from worker.kafka.partitions import Partitions, interleave
from worker.kafka.protocols import Clients, Consumer
from worker.kafka.records import ConsumedRecord
from worker.kafka.transaction import PartitionRevokedError, Refusals, Transaction, next_offsets
from worker.kafka.translate import translate
from worker.metrics import Metrics
from worker.pipeline import Pipeline
from worker.report import report_batch
from worker.settings import WorkerSettings

__all__ = ["Service"]

logger = logging.getLogger(__name__)

_MAX_BACKOFF_S = 30.0
#: Share of ``max.poll.interval.ms`` a batch may spend triaging before the rest of the polled
#: records are deferred to the next poll; the remainder covers the transaction commit.
_BATCH_TIME_SHARE = 0.5


class PollSize:
    """How many records the next poll asks for: as many as the pace of the last batches fits
    in the time budget, at most ``processing.batch_max_records``. A poll then seldom returns
    records its batch has no time for; those are sought back and fetched, parsed and
    CRC-checked again by the next poll, which under a backlog did that to most of every poll
    (the rest stays in the consumer's fetch buffer instead, for the next poll)."""

    #: Weight of the latest batch in the pace (an exponential moving average).
    SMOOTHING = 0.3

    def __init__(self, max_records: int, budget_s: float) -> None:
        self.max_records = max_records
        self.records = max_records  # until a batch has been timed
        self._budget_s = budget_s
        self._pace_s: float | None = None  # seconds a record

    def observe(self, records: int, seconds: float) -> None:
        """A batch triaged ``records`` in ``seconds``."""
        if records <= 0:
            return
        pace = seconds / records
        if self._pace_s is not None:
            pace = self._pace_s + self.SMOOTHING * (pace - self._pace_s)
        self._pace_s = pace
        fits = int(self._budget_s / pace) if pace > 0 else self.max_records
        self.records = max(1, min(self.max_records, fits))


class Service:
    """One worker instance. Build it, call :meth:`run`; :meth:`request_stop` ends it."""

    def __init__(
        self,
        settings: WorkerSettings,
        pipeline: Pipeline,
        metrics: Metrics,
        clients: Clients,
        *,
        health: Health | None = None,
        history: CustomerHistories | None = None,
    ) -> None:
        self.settings, self.pipeline, self.metrics, self.health = (
            settings,
            pipeline,
            metrics,
            health,
        )
        window = pipeline.engine.config.triage.relationship.window
        self.history = history if history is not None else CustomerHistories(window)
        self._clients = clients
        self._stop = threading.Event()
        self._stop_deadline: float | None = None
        self.probes = probes = Probes(health, metrics.set_ready, self._stop)
        self._consumer: Consumer | None = None
        self._durable = settings.processing.state_store == "changelog"
        self.partitions = Partitions(
            clients,
            self.history,
            metrics,
            durable=self._durable,
            request_timeout_ms=settings.kafka.request_timeout_ms,
            should_stop=self._stop.is_set,
            progress=probes.tick,
            set_ready=probes.set_ready,
        )
        refusals = Refusals(settings.topics.dead_letter, metrics.record_dead_letter_failure)
        self.transaction = Transaction(
            clients,
            refusals,
            transactional=settings.processing.guarantee == "exactly_once",
            timeout_s=settings.kafka.request_timeout_ms / 1000,
        )
        self._lag = LagThread(clients, self.partitions, metrics)
        self._poll_size = PollSize(settings.processing.batch_max_records, self._budget_s())

    def request_stop(self, *_: object) -> None:
        """Ask the loop to finish the current batch, commit and exit (signal-handler safe)."""
        if not self._stop.is_set():
            self._stop_deadline = time.monotonic() + self.settings.processing.shutdown_timeout_s
            self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        """Connect, process until asked to stop, then leave the group and close cleanly."""
        self._warm_up()
        self.probes.set_ready(False, "connecting to Kafka")
        c = self._clients
        if not c.wait_for_brokers(
            should_stop=self._stop.is_set, sleep=self.probes.wait, progress=self.probes.tick
        ):
            logger.info("worker stopped")
            return
        try:
            self.transaction.producer  # noqa: B018 - connect now: a fatal error ends start-up
            self._consumer = consumer = c.consumer(self)
            if self._durable:
                c.check_copartitioned(consumer)
        except Exception as exc:  # noqa: BLE001 - translated and re-raised
            self._close()
            raise translate(exc) from None
        self.probes.set_ready(False, "waiting for partitions")
        s = self.settings
        fields = {"guarantee": s.processing.guarantee, "input": s.topics.input}
        fields |= {"group": s.kafka.group_id, "triage_version": self.pipeline.engine.version}
        logger.info("worker started", extra={"fields": fields})
        self._lag.start()
        # What start-up built (rules, the engine's tables, the clients) lives as long as the
        # process: frozen, a full collection no longer walks it (measured at half capacity:
        # 60-115 ms a pause, one about 1.5 s into every run, another after ~2,500 records).
        gc.collect()
        gc.freeze()
        try:
            self._loop(consumer)
        finally:
            gc.unfreeze()
            self._close()

    def _warm_up(self) -> None:
        """Fill the engine's per-word caches before the first poll, so the first seconds
        after a start or a redeploy cost what later ones do (on the bench's events a cold
        engine built a backlog at half capacity; :meth:`Engine.warm_up`)."""
        self.probes.set_ready(False, "warming up the engine")
        started = time.perf_counter()
        texts = self.pipeline.engine.warm_up(should_stop=self._stop.is_set)
        ms = round((time.perf_counter() - started) * 1000)
        logger.info("engine warmed up", extra={"fields": {"texts": texts, "ms": ms}})

    def _loop(self, consumer: Consumer) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            self.probes.tick()
            records: list[ConsumedRecord] = []
            try:
                self.transaction.producer  # noqa: B018 - replaces one a failed abort dropped
                if self.partitions.pending:
                    self.partitions.prepare(consumer)
                polled_at = time.monotonic()
                polled = consumer.poll(
                    timeout_ms=self.settings.processing.batch_max_ms,
                    max_records=self._poll_size.records,
                )
                records = interleave(polled.values())
                if records:
                    self._process(consumer, records, polled_at)
                    backoff = 0.5
            except PartitionRevokedError as exc:
                self.partitions.rewind(consumer, records)
                logger.info("batch abandoned, reading again", extra={"fields": {"why": str(exc)}})
            except Exception as exc:  # noqa: BLE001
                if records:
                    self.partitions.rewind(consumer, records)
                self._retry_or_raise(exc, backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF_S)

    def _retry_or_raise(self, exc: BaseException, backoff: float) -> None:
        error = translate(exc)
        if classify(error) is Route.FATAL:
            raise error from None
        fields = {"error": str(error), "retry_in_s": backoff}
        logger.error("batch failed, retrying", extra={"fields": fields})
        self._stop.wait(backoff)

    def _poll_share_s(self) -> float:
        """Half of max.poll.interval.ms, which runs from one poll to the next."""
        return self.settings.kafka.max_poll_interval_ms / 1000 * _BATCH_TIME_SHARE

    def _budget_s(self) -> float:
        """How long a batch may triage, counted from its poll: the latency budget (each
        transaction short, so outputs become visible soon), within the poll share."""
        return min(self._poll_share_s(), self.settings.processing.batch_budget_ms / 1000)

    def _process(self, consumer: Consumer, polled: list[ConsumedRecord], polled_at: float) -> None:
        started = time.perf_counter()
        budget_s = self._budget_s()
        result = build_batch(
            polled,
            self.pipeline,
            self.history,
            self.settings.topics,
            changelog=self._durable,
            deadline=polled_at + budget_s,
            max_bytes=self.settings.kafka.max_request_size,
            too_large=dict(self.transaction.refusals.too_large),
        )
        self._poll_size.observe(result.consumed, time.perf_counter() - started)
        records, deferred = polled[: result.consumed], polled[result.consumed :]
        commit_started = self.transaction.write(
            consumer, result, next_offsets(records), self.partitions.owns
        )
        committed = time.perf_counter()
        self.transaction.refusals.committed(result)
        for overlay in result.overlays.values():
            overlay.apply()
        if deferred:
            # Out of time: the rest is read again by the next poll (see "Time budget per
            # batch" in docs/reliability.md). Routine under the latency budget; a warning
            # when max.poll.interval.ms is what ran out (the records are slow to triage).
            self.partitions.rewind(consumer, deferred)
            fields: dict[str, float] = {"processed": len(records), "deferred": len(deferred)}
            fields["budget_s"] = round(budget_s, 1)
            level = logging.WARNING if budget_s >= self._poll_share_s() else logging.DEBUG
            logger.log(level, "batch cut short by its time budget", extra={"fields": fields})
        try:
            report_batch(
                self.metrics, result, len(records), committed - started, committed - commit_started
            )
        except Exception:
            logger.exception("could not record batch metrics")

    # -- rebalance callbacks (the consumer calls them inside poll), close ---------------------

    def on_assigned(self, partitions: Sequence[TopicPartition]) -> None:
        if self._consumer is not None:
            self.partitions.on_assigned(self._consumer, partitions)

    def on_revoked(self, partitions: Sequence[TopicPartition]) -> None:
        self.partitions.on_revoked(partitions)

    def _close(self) -> None:
        self.probes.set_ready(False, "shutting down")
        self._lag.stop()
        if self._consumer is not None:
            # A quarter of the time left each to leave the group and to close the consumer;
            # the producer gets the rest.
            limit_ms = min(self.settings.kafka.request_timeout_ms, self._remaining() * 250)
            timeout_ms = max(100, int(limit_ms))
            try:
                self._clients.leave_group(self._consumer, timeout_ms)
                self._consumer.close(autocommit=False, timeout_ms=timeout_ms)
            except Exception as exc:  # noqa: BLE001
                logger.warning("consumer close failed", extra={"fields": {"error": str(exc)}})
        self.transaction.close(max(1.0, self._remaining()))
        logger.info("worker stopped")

    def _remaining(self) -> float:
        if self._stop_deadline is None:
            return self.settings.processing.shutdown_timeout_s
        return max(0.0, self._stop_deadline - time.monotonic())

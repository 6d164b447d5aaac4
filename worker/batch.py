"""Turn one polled batch into the records to write, without touching Kafka.

History writes go to per-partition :class:`~worker.history.Overlay` objects, so a batch that
is aborted leaves no trace: the service applies them only after the transaction commits,
and the changelog records that persist them are part of that transaction. Metric
observations are likewise collected and applied after the commit.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from worker.core.history_codec import encode_history
from worker.errors import InvalidRecordError
from worker.history import CustomerHistories, Overlay
from worker.kafka.records import (
    CONTROL_FORGET,
    CONTROL_HEADER,
    DLQ_REASON,
    ConsumedRecord,
    Headers,
    OutRecord,
    dead_letter,
    output_headers,
    record_size,
)
from worker.metrics import TriageSample
from worker.pipeline import Pipeline, Rejected, Triaged
from worker.settings import TopicSettings

__all__ = ["BatchResult", "Source", "build_batch"]


#: An input record's coordinates: (topic, partition, offset).
Source = tuple[str, int, int]
Outcome = Triaged | Rejected


@dataclass(slots=True)
class BatchResult:
    records: list[OutRecord] = field(default_factory=list)
    #: (topic, partition, offset) of the input each of ``records`` comes from (None for
    #: changelog records), so a record the broker refuses can be traced to its input.
    sources: list[Source | None] = field(default_factory=list)
    overlays: dict[int, Overlay] = field(default_factory=dict)
    triaged: list[TriageSample] = field(default_factory=list)
    skipped: int = 0
    dead_letters: list[str] = field(default_factory=list)  # reasons
    mis_keyed: int = 0
    forgotten: int = 0
    evicted: int = 0
    message_seconds: list[float] = field(default_factory=list)
    #: How many of the polled records (a prefix) this result covers; the rest were deferred
    #: because the time budget ran out (see ``deadline`` in :func:`build_batch`).
    consumed: int = 0

    @property
    def escalations(self) -> int:
        return sum(1 for t in self.triaged if t.escalated)


def build_batch(
    records: Sequence[ConsumedRecord],
    pipeline: Pipeline,
    state: CustomerHistories,
    topics: TopicSettings,
    *,
    changelog: bool = True,
    deadline: float | None = None,
    max_bytes: int | None = None,
    too_large: Mapping[Source, bool] | None = None,
) -> BatchResult:
    """Triage each record in order; bad ones become dead letters, never exceptions.

    With ``changelog``, every history change (and eviction) becomes a changelog record.
    With ``deadline`` (a ``time.monotonic()`` value), records are no longer started once it
    has passed: the result covers the prefix ``records[:result.consumed]`` (at least one
    record, so a batch always makes progress) and the caller re-reads the rest. This keeps a
    batch of slow records within ``max.poll.interval.ms``.

    No record may be larger than ``max_bytes`` (the producer's ``max_request_size``): an
    output over it becomes a ``record_too_large`` dead letter, and a dead letter over it
    leaves the value out (see :func:`~worker.kafka.records.dead_letter`). Inputs in
    ``too_large`` (one of whose records a topic refused as too large) become
    ``record_too_large`` dead letters; without the value where ``too_large[source]`` is true
    (the refused record was their dead letter), with it otherwise.
    """
    batch = _Batch(pipeline, state, topics, max_bytes, too_large or {})
    for record in records:
        if deadline is not None and batch.result.consumed and time.monotonic() >= deadline:
            break
        batch.add(record)
    batch.finish(changelog=changelog)
    return batch.result


class _Batch:
    """The :class:`BatchResult` being built, and what building it needs."""

    def __init__(
        self,
        pipeline: Pipeline,
        state: CustomerHistories,
        topics: TopicSettings,
        max_bytes: int | None,
        too_large: Mapping[Source, bool],
    ) -> None:
        self.result = BatchResult()
        self._pipeline = pipeline
        self._state = state
        self._topics = topics
        self._version = pipeline.engine.version
        self._max_bytes = max_bytes
        self._too_large = too_large

    def add(self, record: ConsumedRecord) -> None:
        """Triage one record into its output (and escalation) or its dead letter."""
        result = self.result
        result.consumed += 1
        started = time.perf_counter()
        overlay = result.overlays.get(record.partition)
        if overlay is None:
            overlay = result.overlays[record.partition] = self._state.overlay(record.partition)
        if _is_forget(record):
            if record.key:
                overlay.forget(record.key.decode("utf-8", "replace"))
                result.forgotten += 1
            return
        source = (record.topic, record.partition, record.offset)
        outcome = self._triage(record, source, overlay)
        if isinstance(outcome, Rejected):
            self._dead_letter(record, source, outcome.error)
        else:
            headers = output_headers(outcome.out.event_id, self._version)
            error = self._oversize(outcome, headers)
            if error is None:
                self._output(record, source, outcome, headers)
            else:
                self._dead_letter(record, source, error)
        result.message_seconds.append(time.perf_counter() - started)

    def finish(self, *, changelog: bool) -> None:
        """Evict expired customers; with ``changelog``, one changelog record per change."""
        result = self.result
        for partition, overlay in result.overlays.items():
            for customer in self._state.expired(partition, overlay):
                overlay.forget(customer)
                result.evicted += 1
            if not changelog:
                continue
            for customer, history in overlay.writes.items():
                value = None if history is None else encode_history(history)
                changed = OutRecord(
                    self._topics.changelog, customer.encode(), value, [], partition=partition
                )
                result.records.append(changed)
                result.sources.append(None)

    def _triage(self, record: ConsumedRecord, source: Source, overlay: Overlay) -> Outcome:
        if source in self._too_large:
            error = InvalidRecordError("record_too_large", "a topic refused it as too large")
            return Rejected(error)
        return self._pipeline.process(record.value, overlay)

    def _oversize(self, outcome: Triaged, headers: Headers) -> InvalidRecordError | None:
        """The error for an output the producer could not send (over ``max_bytes``)."""
        if self._max_bytes is None:
            return None
        size = record_size(outcome.out.ticket_id.encode(), outcome.payload, headers)
        if size <= self._max_bytes:
            return None
        detail = f"output of {size} bytes, the maximum is {self._max_bytes}"
        return InvalidRecordError("record_too_large", detail)

    def _dead_letter(
        self, record: ConsumedRecord, source: Source, error: InvalidRecordError
    ) -> None:
        letter = dead_letter(
            record,
            error,
            self._topics.dead_letter,
            self._version,
            max_bytes=self._max_bytes,
            # The refused record was this input's dead letter: leave the value out this time.
            omit_value=self._too_large.get(source, False),
        )
        self.result.records.append(letter)
        self.result.sources.append(source)
        self.result.dead_letters.append(_reason(letter, error.reason))

    def _output(
        self, record: ConsumedRecord, source: Source, outcome: Triaged, headers: Headers
    ) -> None:
        result, out = self.result, outcome.out
        self._state.observe(record.partition, out.occurred_at)
        if record.key != out.customer_id.encode():
            result.mis_keyed += 1
        ticket = out.ticket_id.encode()
        topics = [self._topics.output]
        if out.escalation.required:
            topics.append(self._topics.escalations)
        for topic in topics:
            result.records.append(OutRecord(topic, ticket, outcome.payload, headers))
            result.sources.append(source)
        sample = TriageSample.of(out)
        if sample is not None:
            result.triaged.append(sample)
        else:
            result.skipped += 1


def _reason(letter: OutRecord, default: str) -> str:
    """The reason a dead letter carries (``record_too_large`` once its value was left out)."""
    # The last one: the input's own headers come first and may carry any bytes under that name.
    found = (v for k, v in reversed(letter.headers) if k == DLQ_REASON)
    return next((v.decode("utf-8", "replace") for v in found), default)


def _is_forget(record: ConsumedRecord) -> bool:
    return any(k == CONTROL_HEADER and v == CONTROL_FORGET for k, v in record.headers or ())
